# ./bwx bench flows — collector throughput against nfcapd/sfcapd on the same datagrams. Needs
# softflowd, nfdump and nfdump-sflow (sfcapd) at run time.
bwx_add_bench(bwx-bench-flows
    SOURCES flows_bench.cpp flows_bench_traffic.cpp flows_bench_replay.cpp flows_bench_anchor.cpp
    LIBS bwx::settlement bwx::settlement_fixtures bwx::asio)
# GCC 12's -Wnull-dereference fires inside Boost.Asio's scheduler once inlined (see
# backend/settlement/CMakeLists.txt); the warning is about Boost, not these files.
set_source_files_properties(flows_bench.cpp flows_bench_traffic.cpp
    PROPERTIES COMPILE_OPTIONS "-Wno-null-dereference")
# The same export through DatagramProcessor in process: the decoder's CPU time per record.
bwx_add_bench(bwx-bench-flows-decode
    SOURCES flows_bench_decode.cpp flows_bench_traffic.cpp
    LIBS bwx::settlement bwx::settlement_fixtures)
