# SPDX-License-Identifier: GPL-2.0-only
#
# bench/summarize.awk: turns the guest's records (records.tsv: KIND WORKLOAD
# VARIANT PAIR "KEY=VALUE ...", see bench/guest/lib.sh) into one section of
# the report, chosen with -v section=NAME: a markdown table (targets, sched,
# fairness, daemon, bpf, profile, events) or a data file for gnuplot
# (ratios-data, fairness-data, bpf-data). -v variants="eevdf V..." gives
# the variants' order; the first is the reference every ratio divides by.
#
# Every comparison is per pair: a variant's value over the reference's in
# the same pair (adjacent runs of the same boot), then the median of those
# ratios, shown with the pairs' range. Plain POSIX awk (Debian's is mawk).

BEGIN {
	FS = "\t"
	nv = split(variants, V, " ")
	ref = V[1]
	# The compared metrics: workload, key, label, unit, better, target ratio.
	nm = 0
	metric("wakeup_at",   "wake_p50",    "wakeup latency p50, saturated",       "us",      "lower",  "")
	metric("wakeup_at",   "wake_p99",    "wakeup latency p99, saturated",       "us",      "lower",  "0.8")
	metric("wakeup_at",   "rps",         "requests/s, saturated",               "/s",      "higher", "")
	metric("wakeup_over", "wake_p50",    "wakeup latency p50, 2x oversubscribed", "us",    "lower",  "")
	metric("wakeup_over", "wake_p99",    "wakeup latency p99, 2x oversubscribed", "us",    "lower",  "0.8")
	metric("wakeup_over", "rps",         "requests/s, 2x oversubscribed",       "/s",      "higher", "")
	metric("interactive", "lat_p50",     "interactive wake-to-run p50 under hogs", "us",   "lower",  "")
	metric("interactive", "lat_p99",     "interactive wake-to-run p99 under hogs", "us",   "lower",  "0.5")
	metric("interactive", "hog_mloops",  "hogs' work beside the probe",         "Mloops",  "higher", "")
	metric("interactive_rt", "lat_p99",  "the same probe SCHED_FIFO: p99 under hogs", "us", "lower", "")
	metric("messaging",   "secs",        "perf bench sched messaging time",     "s",       "lower",  "1.05")
	metric("pipe",        "usec_per_op", "perf bench sched pipe round trip",    "us",      "lower",  "1.10")
	metric("pipe_onecpu", "usec_per_op", "the same, both ends on CPU 1",        "us",      "lower",  "")
	metric("stress_cpu",  "bogo_ops_s",  "stress-ng --cpu 2xN bogo-ops/s",      "/s",      "higher", "")
	metric("stress_switch", "bogo_ops_s", "stress-ng --switch N bogo-ops/s",    "/s",      "higher", "")
}

function metric(w, k, label, unit, better, target) {
	nm++
	MW[nm] = w; MK[nm] = k; ML[nm] = label; MU[nm] = unit; MB[nm] = better; MT[nm] = target
}

# The records.
{
	kind = $1; w = $2; v = $3; p = $4
	if (kind == "I")
		INFORAW[w, v] = $5
	n = split($5, kv, " ")
	for (i = 1; i <= n; i++) {
		eq = index(kv[i], "=")
		if (!eq)
			continue
		key = substr(kv[i], 1, eq - 1); val = substr(kv[i], eq + 1)
		if (kind == "R" || kind == "A")
			D[kind, w, v, p, key] = val
		if (kind == "I")
			INFO[w, v, key] = val
		if (kind == "B" && key == "prog") {
			prog = val
			if (!((prog) in PROGSEEN)) { PROGSEEN[prog] = 1; PROGS[++nprogs] = prog }
		}
		if (kind == "B" && key != "prog")
			B[w, v, prog, key] = val
		if (kind == "A" && (key == "attach_us" || key == "detach_us") && val + 0 > 0)
			push("A" SUBSEP v SUBSEP key, val)
		if (kind == "I" && w ~ /^events:/)
			EV[v, key] += val
	}
	if (kind == "R" && p + 0 > maxpair)
		maxpair = p + 0
	if (kind == "R" && $5 ~ /error=/)
		ERRORS = ERRORS sprintf("%s %s pair %s: %s\n", w, v, p, $5)
	if (kind == "E")
		ERRORS = ERRORS sprintf("%s %s pair %s: %s\n", w, v, p, $5)
	if (kind == "R" && w ~ /^(daemon|profile)$/)
		for (i = 1; i <= n; i++) {
			eq = index(kv[i], "=")
			if (eq)
				push("D" SUBSEP w SUBSEP substr(kv[i], 1, eq - 1), substr(kv[i], eq + 1))
		}
	if (kind == "B" && w !~ /^bpf:/ && !((w) in BWSEEN)) { BWSEEN[w] = 1; BW[++nbw] = w }
	if (kind == "B")
		BV[v] = 1
}

# The variants with BPF programs ("floor" has none), in order: BPFV[1..nbv].
function bpf_variants(    i) {
	nbv = 0
	for (i = 2; i <= nv; i++)
		if (V[i] in BV)
			BPFV[++nbv] = V[i]
}

# Lists: L[name, i], LN[name].
function push(name, val) {
	LN[name]++
	L[name, LN[name]] = val + 0
}

# The median of list @name (sorted in place), or "" when empty.
function median(name,    n, i, j, t) {
	n = LN[name]
	if (!n)
		return ""
	for (i = 2; i <= n; i++) {
		t = L[name, i] + 0
		for (j = i - 1; j >= 1 && L[name, j] + 0 > t; j--)
			L[name, j + 1] = L[name, j]
		L[name, j + 1] = t
	}
	return n % 2 ? L[name, (n + 1) / 2] + 0 : (L[name, n / 2] + L[name, n / 2 + 1]) / 2
}
function lmin(name) { median(name); return L[name, 1] }
function lmax(name) { median(name); return L[name, LN[name]] }

function fmt(x, unit) {
	if (x == "")
		return "-"
	if (unit == "s")
		return sprintf("%.3f", x)
	if (x >= 100 || x == int(x))
		return sprintf("%d", x + 0.5)
	return sprintf("%.1f", x)
}

# Collects, for metric @m and variant @v, its values (list "val") and the
# per-pair ratios against the reference (list "ratio").
function collect(m, v,    p, a, r) {
	delete_list("val"); delete_list("ratio"); delete_list("refval")
	for (p = 1; p <= maxpair; p++) {
		a = D["R", MW[m], v, p, MK[m]]
		r = D["R", MW[m], ref, p, MK[m]]
		if (a != "")
			push("val", a)
		if (r != "")
			push("refval", r)
		if (a != "" && r != "" && r + 0 > 0)
			push("ratio", a / r)
	}
}
function delete_list(name,    i) {
	for (i = 1; i <= LN[name]; i++)
		delete L[name, i]
	LN[name] = 0
}

function pairs_text(name,    i, s) {
	s = ""
	for (i = 1; i <= LN[name]; i++)
		s = s (i > 1 ? " " : "") sprintf("%.2f", L[name, i])
	return s
}

# "0.93 (0.85-1.02)": the median ratio and the pairs' range.
function ratio_text(    med) {
	med = median("ratio")
	if (med == "")
		return "-"
	if (LN["ratio"] == 1)
		return sprintf("%.2f (1 pair)", med)
	return sprintf("%.2f (%.2f-%.2f)", med, lmin("ratio"), lmax("ratio"))
}

# met / missed against target @t ("better" @b), from the median ratio and
# whether the pairs agree.
function verdict(t, b,    med, lo, hi) {
	med = median("ratio")
	if (med == "" || t == "")
		return "-"
	lo = lmin("ratio"); hi = lmax("ratio")
	if (b == "lower")
		return med <= t + 0 ? (hi <= t + 0 ? "met" : "met (not in every pair)") : \
		       (lo > t + 0 ? "missed" : "missed (met in some pairs)")
	return med >= t + 0 ? "met" : "missed"
}

function section_sched(    m, i, v, refmed) {
	print "| workload | metric | better | " ref " median | variant | its median | per-pair ratio | median ratio (range) |"
	print "|---|---|---|---|---|---|---|---|"
	for (m = 1; m <= nm; m++) {
		for (i = 2; i <= nv; i++) {
			v = V[i]
			collect(m, v)
			if (!LN["val"] && !LN["refval"])
				continue
			refmed = median("refval")
			printf "| %s | %s (%s) | %s | %s | %s | %s | %s | %s |\n", MW[m], ML[m], MU[m], MB[m],
				fmt(refmed, MU[m]), v, fmt(median("val"), MU[m]), pairs_text("ratio"), ratio_text()
		}
	}
}

function section_ratios_data(    m, i, v, med) {
	print "# label\tvariant\tmedian_ratio\tmin\tmax\ttarget\tvariant_index"
	for (m = 1; m <= nm; m++)
		for (i = 2; i <= nv; i++) {
			v = V[i]
			collect(m, v)
			med = median("ratio")
			if (med == "")
				continue
			printf "%s/%s\t%s\t%.4f\t%.4f\t%.4f\t%s\t%d\n", MW[m], MK[m], v, med, lmin("ratio"), lmax("ratio"),
				MT[m] == "" ? "NaN" : MT[m], i - 1
		}
}

# A daemon metric's median over its runs, "-" if none.
function dmed(w, k) { return median("D" SUBSEP w SUBSEP k) }
function dn(w, k) { return LN["D" SUBSEP w SUBSEP k] + 0 }

function target_row(label, target, m,    i, v, row) {
	row = "| " label " | " target " |"
	for (i = 2; i <= nv; i++) {
		v = V[i]
		collect(m, v)
		row = row " " ratio_text() ": **" verdict(MT[m], MB[m]) "** |"
	}
	print row
}

function fair_text(key, v, ideal, tol,    p, x, med, d) {
	delete_list("share")
	for (p = 1; p <= maxpair; p++) {
		x = D["R", "fairness", v, p, key]
		if (x != "")
			push("share", x)
	}
	med = median("share")
	if (med == "")
		return "-"
	d = med - ideal
	return sprintf("%.1f%% (%s)", med, (d <= tol && d >= -tol) ? "met" : "missed")
}

# The daemon's and the cells' numbers are cellflashd's with its defaults:
# they go in the column of the variant named cellflash (else the first one
# after the reference).
function abs_row(label, target, value, ok,    i, row, col) {
	col = 2
	for (i = 2; i <= nv; i++)
		if (V[i] == "cellflash")
			col = i
	row = "| " label " | " target " |"
	for (i = 2; i <= nv; i++)
		row = row (i == col ? " " value ": **" ok "** |" : i < col ? " - |" : " (daemon runs with defaults) |")
	print row
}

function section_targets(    m, i, v, row, rss, rtt, pw, pf, hdr, sep) {
	hdr = "| target (issue 7) | goal |"; sep = "|---|---|"
	for (i = 2; i <= nv; i++) { hdr = hdr " " V[i] " |"; sep = sep "---|" }
	print hdr; print sep
	for (m = 1; m <= nm; m++)
		if (MT[m] != "")
			target_row(ML[m], "<= " MT[m] "x " ref, m)
	row = "| 1-thread vs 3-thread cgroup, equal cpu.weight: 1-thread share | 50 +/- 3 % (" ref ": " fair_text("share_1v3", ref, 50, 3) ") |"
	for (i = 2; i <= nv; i++)
		row = row " " fair_text("share_1v3", V[i], 50, 3) " |"
	print row
	row = "| cpu.weight 200 vs 100 (2 threads each): heavy share | 66.7 +/- 3 % (" ref ": " fair_text("share_2to1", ref, 66.7, 3) ") |"
	for (i = 2; i <= nv; i++)
		row = row " " fair_text("share_2to1", V[i], 66.7, 3) " |"
	print row
	rss = dmed("daemon", "VmRSS_kb")
	abs_row("cellflashd idle RSS", "<= 4 MB (4096 kB)", rss == "" ? "-" : sprintf("%.0f kB", rss),
		rss == "" ? "-" : rss <= 4096 ? "met" : "missed")
	rtt = dmed("daemon", "rtt_p99")
	abs_row("GetMetrics round trip p99", "<= 0.5 ms", rtt == "" ? "-" : sprintf("%.2f ms", rtt / 1000),
		rtt == "" ? "-" : rtt <= 500 ? "met" : "missed")
	pw = dmed("profile", "to_powersave_us"); pf = dmed("profile", "to_performance_us")
	abs_row("power-profile change to the BPF side's new domain", "<= 50 ms",
		pw == "" ? "-" : sprintf("%.0f ms to power-saver, %.0f ms to performance", pw / 1000, pf / 1000),
		pw == "" ? "-" : (pw <= 50000 && pf <= 50000) ? "met" : "missed")
	cells_rows()
}

# The cells record (wl_cells in bench/guest/workloads.sh): cellflash, with the
# isolation controls under EEVDF (eevdf_*) and the floor (floor_*).
function cell(k) { return D["R", "cells", "cellflash", "0", k] }
function isolation_control(prefix, name) {
	if (cell(prefix "_isolation") == "")
		return ""
	return sprintf(" %s %.2fx, %s us alone, %s us beside;", name, cell(prefix "_isolation"),
		cell(prefix "_alone_p99"), cell(prefix "_loaded_p99"))
}
function cells_rows(    ca, c0, iso, cu, why, control) {
	ca = cell("confine_a_pct"); c0 = cell("confine_0_pct"); iso = cell("isolation"); cu = cell("cell_us")
	why = cell("skipped") != "" ? "skipped: " cell("skipped") : cell("error") != "" ? "error: " cell("error") : ""
	abs_row("cell confinement: samples of each cell's threads on its own CPUs", "100 %",
		ca == "" ? (why == "" ? "-" : why) : sprintf("cell A %s%%, cell 0 %s%%", ca, c0),
		ca == "" ? "-" : (ca + 0 >= 100 && c0 + 0 >= 100) ? "met" : "missed")
	control = isolation_control("eevdf", ref) isolation_control("floor", "floor")
	if (control != "") {
		sub(/;$/, "", control)
		control = " (the same cpuset, the hogs pinned off it:" control ")"
	}
	abs_row("isolated cell's interactive p99 while cell 0 runs 4x its CPUs in hogs, over alone", "<= 1.1x" control,
		iso == "" ? (why == "" ? "-" : why) : sprintf("%.2fx (%s us alone, %s us beside the hogs)", iso,
			cell("alone_p99"), cell("loaded_p99")),
		iso == "" ? "-" : iso + 0 <= 1.1 ? "met" : "missed")
	abs_row("cgroup creation (mkdir, cpuset.cpus) to the BPF side's new cells", "<= 50 ms",
		cu == "" || cu < 0 ? (why == "" ? "-" : why) : sprintf("%.0f ms (median of 3: %s us)", cu / 1000,
			cell("cell_us_all")),
		cu == "" || cu < 0 ? "-" : cu + 0 <= 50000 ? "met" : "missed")
}

function section_fairness(    i, v, p, row) {
	print "| variant | 1 vs 3 threads, 1-thread share (ideal 50%) per pair | median | 200 vs 100 weight, heavy share (ideal 66.7%) per pair | median |"
	print "|---|---|---|---|---|"
	for (i = 1; i <= nv; i++) {
		v = V[i]
		row = "| " v " |"
		delete_list("share")
		for (p = 1; p <= maxpair; p++)
			if (D["R", "fairness", v, p, "share_1v3"] != "")
				push("share", D["R", "fairness", v, p, "share_1v3"])
		row = row " " pairs_text("share") " | " fmt(median("share")) " |"
		delete_list("share")
		for (p = 1; p <= maxpair; p++)
			if (D["R", "fairness", v, p, "share_2to1"] != "")
				push("share", D["R", "fairness", v, p, "share_2to1"])
		row = row " " pairs_text("share") " | " fmt(median("share")) " |"
		print row
	}
}

function section_fairness_data(    i, v, p) {
	print "# variant\tpair\tshare_1v3\tshare_2to1"
	for (i = 1; i <= nv; i++)
		for (p = 1; p <= maxpair; p++)
			if (D["R", "fairness", V[i], p, "share_1v3"] != "")
				printf "%s\t%d\t%s\t%s\n", V[i], p, D["R", "fairness", V[i], p, "share_1v3"],
					D["R", "fairness", V[i], p, "share_2to1"]
}

function drow(label, w, k, scale, unit, note,    med) {
	med = dmed(w, k)
	if (med == "")
		return
	printf "| %s | %s %s | %s (%d runs) | %s |\n", label, fmt(med / scale, ""), unit,
		sprintf("%s-%s", fmt(lmin("D" SUBSEP w SUBSEP k) / scale, ""), fmt(lmax("D" SUBSEP w SUBSEP k) / scale, "")),
		dn(w, k), note
}

function section_daemon(    i, v, n) {
	print "| metric | median | range | notes |"
	print "|---|---|---|---|"
	for (i = 2; i <= nv; i++) {
		v = V[i]
		n = LN["A" SUBSEP v SUBSEP "attach_us"]
		if (!n)
			continue
		printf "| attach, %s (%s to sched_ext enabled) | %d ms | %d-%d ms (%d attaches) | every run of the pairs and diagnostics |\n", v,
			v == "floor" ? "bpftool register" : "exec",
			median("A" SUBSEP v SUBSEP "attach_us") / 1000, lmin("A" SUBSEP v SUBSEP "attach_us") / 1000,
			lmax("A" SUBSEP v SUBSEP "attach_us") / 1000, n
		printf "| detach, %s (%s to disabled) | %d ms | %d-%d ms | |\n", v,
			v == "floor" ? "unpinning the link" : "SIGTERM",
			median("A" SUBSEP v SUBSEP "detach_us") / 1000, lmin("A" SUBSEP v SUBSEP "detach_us") / 1000,
			lmax("A" SUBSEP v SUBSEP "detach_us") / 1000
	}
	drow("idle VmRSS", "daemon", "VmRSS_kb", 1, "kB", "2 s after attach, system bus connected")
	drow("idle RssAnon", "daemon", "RssAnon_kb", 1, "kB", "the daemon's own memory (heap, stacks)")
	drow("idle Pss", "daemon", "Pss_kb", 1, "kB", "shared pages split among the processes mapping them")
	drow("idle RssShmem", "daemon", "RssShmem_kb", 1, "kB", "the guest's files live in its initramfs: shared libraries count here")
	if (INFO["rss-baseline", "fake-ppd", "VmRSS_kb"] != "")
		printf "| baseline: fake-ppd's VmRSS (a minimal sd-bus service) | %s kB | | RssAnon %s kB, same guest |\n",
			INFO["rss-baseline", "fake-ppd", "VmRSS_kb"], INFO["rss-baseline", "fake-ppd", "RssAnon_kb"]
	drow("idle CPU time, scaled to an hour", "daemon", "cpu_s_per_hour", 1, "s/h", "from /proc/PID/schedstat over the idle window; TCG inflates CPU time")
	drow("GetMetrics round trip p50", "daemon", "rtt_p50", 1, "us", "in-process sd-bus client, through dbus-daemon")
	drow("GetMetrics round trip p99", "daemon", "rtt_p99", 1, "us", "")
	drow("Peer.Ping round trip p50 (baseline)", "daemon", "ping_p50", 1, "us", "the same trip, answered by sd-bus itself")
	drow("Peer.Ping round trip p99 (baseline)", "daemon", "ping_p99", 1, "us", "")
	drow("power-saver: profile set to domain applied", "profile", "to_powersave_us", 1000, "ms", "fake-ppd on the system bus, power_seq in the BPF .bss")
	drow("performance: profile set to domain applied", "profile", "to_performance_us", 1000, "ms", "")
}

function section_bpf(    i, j, w, v, prog, row, hdr, sep, cnt, t) {
	bpf_variants()
	v = BPFV[1]
	hdr = "| program | verified insns (" v; for (i = 2; i <= nbv; i++) hdr = hdr ", " BPFV[i]; hdr = hdr ") | xlated bytes |"
	sep = "|---|---|---|"
	for (j = 1; j <= nbw; j++) { hdr = hdr " " BW[j] ": ns/call (calls) |"; sep = sep "---|" }
	print hdr; print sep
	for (i = 1; i <= nprogs; i++) {
		prog = PROGS[i]
		w = BW[1]
		row = "| " prog " | " B[w, v, prog, "verified_insns"]
		for (j = 2; j <= nbv; j++)
			row = row ", " B[w, BPFV[j], prog, "verified_insns"]
		row = row " | " B[w, v, prog, "xlated"] " |"
		for (j = 1; j <= nbw; j++) {
			cnt = B[BW[j], v, prog, "run_cnt"] + 0
			t = B[BW[j], v, prog, "run_time_ns"] + 0
			row = row (cnt ? sprintf(" %d (%d) |", t / cnt, cnt) : " - |")
		}
		print row
	}
}

function section_bpf_data(    i, j, v, prog, cnt) {
	bpf_variants()
	v = BPFV[1]
	printf "# program"
	for (j = 1; j <= nbw; j++) printf "\t%s", BW[j]
	printf "\n"
	for (i = 1; i <= nprogs; i++) {
		prog = PROGS[i]
		if (prog !~ /(select_cpu|enqueue|dispatch|runnable|running|stopping)$/)
			continue
		printf "%s", substr(prog, 11)
		for (j = 1; j <= nbw; j++) {
			cnt = B[BW[j], v, prog, "run_cnt"] + 0
			printf "\t%.2f", cnt ? B[BW[j], v, prog, "run_time_ns"] / cnt / 1000 : 0
		}
		printf "\n"
	}
}

function section_profile(    j, i, s, k, n, kv, kern) {
	print "| workload | variant | kernel's share of all samples | top kernel symbols (% of kernel samples, >= 3%) |"
	print "|---|---|---|---|"
	for (j = 1; j <= nbw; j++)
		for (i = 1; i <= nv; i++) {
			if (!(("prof:" BW[j], V[i]) in INFORAW))
				continue
			s = ""; kern = "0"
			n = split(INFORAW["prof:" BW[j], V[i]], kv, " ")
			for (k = 1; k <= n; k++) {
				split(kv[k], parts, "=")
				if (parts[1] == "kernel_pct")
					kern = parts[2]
				else
					s = s sprintf("%s %s%%, ", parts[1], parts[2])
			}
			printf "| %s | %s | %s%% | %s |\n", BW[j], V[i], kern, substr(s, 1, length(s) - 2)
		}
}

function section_events(    i, k, parts, s) {
	print "| variant | sched_ext events over the diagnostic runs |"
	print "|---|---|"
	for (i = 2; i <= nv; i++) {
		s = ""
		for (k in EV) {
			split(k, parts, SUBSEP)
			if (parts[1] == V[i])
				s = s sprintf("%s %d, ", substr(parts[2], 4), EV[k])
		}
		printf "| %s | %s |\n", V[i], s == "" ? "none" : substr(s, 1, length(s) - 2)
	}
}

END {
	if (section == "targets") section_targets()
	else if (section == "sched") section_sched()
	else if (section == "ratios-data") section_ratios_data()
	else if (section == "fairness") section_fairness()
	else if (section == "fairness-data") section_fairness_data()
	else if (section == "daemon") section_daemon()
	else if (section == "bpf") section_bpf()
	else if (section == "bpf-data") section_bpf_data()
	else if (section == "profile") section_profile()
	else if (section == "events") section_events()
	else if (section == "errors") printf "%s", ERRORS
	else { print "summarize.awk: unknown section " section > "/dev/stderr"; exit 2 }
}
