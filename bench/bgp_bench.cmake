# The BGP benchmarks (`./bwx bench bgp`): the full-table ingest with the fast sender it starts,
# and the fan-out through trades with the member routers it starts; each helper must sit next
# to its driver. Included from bench/CMakeLists.txt.
bwx_add_bench(bwx-bgp-bench-sender SOURCES bgp_bench_sender.cpp bgp_bench_table.cpp LIBS bwx::bgp)
bwx_add_bench(bwx-bench-bgp SOURCES bgp_bench.cpp bgp_bench_process.cpp LIBS bwx::bgp)
set_source_files_properties(bgp_bench.cpp PROPERTIES COMPILE_OPTIONS "-Wno-null-dereference")
add_dependencies(bwx-bench-bgp bwx-bgp-bench-sender)

bwx_add_bench(bwx-bgp-fanout-member SOURCES bgp_fanout_member.cpp bgp_bench_process.cpp
              LIBS bwx::bgp)
bwx_add_bench(bwx-bench-bgp-fanout
              SOURCES bgp_fanout_bench.cpp bgp_fanout_exchange.cpp bgp_fanout_bird.cpp
                      bgp_bench_process.cpp bgp_bench_table.cpp
              LIBS bwx::routing bwx::market bwx::bgp)
add_dependencies(bwx-bench-bgp-fanout bwx-bgp-fanout-member)
