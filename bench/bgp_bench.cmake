# The BGP ingest benchmark (`./bwx bench bgp`): the driver and the fast sender it starts, which
# must sit next to it. Included from bench/CMakeLists.txt.
bwx_add_bench(bwx-bgp-bench-sender SOURCES bgp_bench_sender.cpp bgp_bench_table.cpp LIBS bwx::bgp)
bwx_add_bench(bwx-bench-bgp SOURCES bgp_bench.cpp LIBS bwx::bgp)
set_source_files_properties(bgp_bench.cpp PROPERTIES COMPILE_OPTIONS "-Wno-null-dereference")
add_dependencies(bwx-bench-bgp bwx-bgp-bench-sender)
