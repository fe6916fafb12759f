# bwx_add_qtest(<name> SOURCES ... [LIBS ...] [LABELS ...] [TIMEOUT s] [ENV ...])
# Every test is a QtTest executable registered with CTest. Labels select suites:
# unit, integration, gui, interop, quality, settlement, access.
function(bwx_add_qtest name)
    cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS} bwx::options)
    add_test(NAME ${name} COMMAND ${name})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set(env "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;TZ=UTC;QT_SCALE_FACTOR=1"
            "BWX_SOURCE_DIR=${PROJECT_SOURCE_DIR};BWX_BINARY_DIR=${PROJECT_BINARY_DIR}")
    list(APPEND env ${T_ENV})
    set_tests_properties(${name} PROPERTIES
        LABELS "${T_LABELS}"
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "${env}")
endfunction()
