bwx_add_bench(bwx-bench-e2e SOURCES e2e_bench.cpp LIBS bwx::server bwx::client bwx::pki)
