bwx_add_bench(bwx-bench-journal SOURCES journal_bench.cpp LIBS bwx::sequencer)
