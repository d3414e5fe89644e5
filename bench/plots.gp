# SPDX-License-Identifier: GPL-2.0-only
#
# bench/plots.gp: the report's plots, from bench/summarize.awk's data files.
#   gnuplot -e "dir='DIR'; title='...'; variants='eevdf V...'; bpf_cols='W...';
#               plot_ratios=1; plot_fairness=1; plot_bpf=1" bench/plots.gp
# reads DIR/ratios.tsv, DIR/fairness.tsv, DIR/bpf.tsv and writes
# DIR/ratios.png, DIR/fairness.png, DIR/bpf.png (each if asked: a run
# without that workload has no data for it).

set terminal pngcairo size 1100,650 font ",10" noenhanced
set datafile separator "\t"
set grid ytics
set key top left

# 1. Per metric and variant: the median of the per-pair ratios against the
# kernel's scheduler, the pairs' range as error bars, the target as a dash.
if (plot_ratios) {
set output dir."/ratios.png"
set title title."\nvariant / EEVDF, same boot: median of the per-pair ratios, range over the pairs; dash: target (lower is better unless the label says higher)"
set logscale y 2
set yrange [0.125:8]
set ylabel "ratio to EEVDF (log scale)"
set xtics rotate by 35 right noenhanced
set bmargin 12
set lmargin 14
# One x slot per metric and variant.
set offsets 0.5, 0.5, 0, 0
plot 1 with lines lc rgb "black" dt 2 notitle, \
     dir."/ratios.tsv" using ($0):3:4:5:7:xtic(strcol(1)." (".strcol(2).")") with yerrorbars lc variable pt 7 ps 1.2 title "median ratio, pairs' range (colour: variant)", \
     dir."/ratios.tsv" using ($0 - 0.3):6:(0.6):(0) with vectors nohead lc rgb "black" lw 2 title "target"
unset logscale y
unset xtics
set xtics
set bmargin
set lmargin
set offsets 0, 0, 0, 0
}

# 2. Cgroup fairness, per pair: the share of the 1-thread cgroup against a
# 3-thread one at equal weight (ideal 50%), and of the 200-weight cgroup
# against a 100-weight one (ideal 66.7%).
if (plot_fairness) {
set output dir."/fairness.png"
set title title."\ncgroup CPU shares from cpu.stat usage_usec, each point one pair"
set yrange [0:100]
set ylabel "share of CPU time (%)"
set xlabel "pair"
set key outside right
stats dir."/fairness.tsv" using 2 nooutput
set xrange [0.5:STATS_max + 0.5]
set xtics 1
plot 50 with lines lc rgb "gray" dt 2 title "ideal 1v3 (50%)", \
     66.7 with lines lc rgb "gray" dt 3 title "ideal 2:1 (66.7%)", \
     for [v in variants] dir."/fairness.tsv" using 2:(strcol(1) eq v ? $3 : NaN) with linespoints pt 7 title v." 1 vs 3 threads", \
     for [v in variants] dir."/fairness.tsv" using 2:(strcol(1) eq v ? $4 : NaN) with linespoints pt 5 dt 2 title v." weight 200 vs 100"
unset xlabel
set xrange [*:*]
}

# 3. The hot-path callbacks' average run time per call, per workload.
if (plot_bpf) {
set output dir."/bpf.png"
set title title."\ncellflash's BPF callbacks: average run time per call (kernel.bpf_stats_enabled, diagnostic runs)"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set ylabel "us per call (TCG)"
set yrange [0:*]
set key inside top right
set xtics rotate by 0
plot for [c = 2:words(bpf_cols) + 1] dir."/bpf.tsv" using c:xtic(1) title word(bpf_cols, c - 1)
}
