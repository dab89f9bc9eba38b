package sensor

// The BPF object is generated from bpf/sensor.bpf.c and committed, so a
// plain go build needs no clang. Regenerate after changing bpf/ with
//
//	go generate ./internal/sensor
//
// (needs clang and libbpf-dev for bpf_helpers.h).
//go:generate go run github.com/cilium/ebpf/cmd/bpf2go -cc clang -cflags "-O2 -g -Wall -Werror" -target amd64 -tags linux -type rec_hdr -type exec_body -type exit_body -type file_body -type net_body -type arg_body -type lpm_key -type watch_val -type drop_count bpf bpf/sensor.bpf.c
