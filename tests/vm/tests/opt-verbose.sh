# --verbose shows libbpf's messages; without it only its warnings.
start_attached
log_has 'libbpf: loaded kernel BTF' && fail "without --verbose, libbpf's debug output is logged"
stop_daemon
start_attached --verbose
log_has 'libbpf: loaded kernel BTF' || fail "--verbose: no libbpf debug output"
stop_daemon
