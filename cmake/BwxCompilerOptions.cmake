# Warnings and build flags shared by every BWX target, applied through an interface library
# so third-party code and generated Qt sources stay untouched. -Wnull-dereference is left out:
# GCC 12 at -O2 reports it inside inlined std::string code of CLI11 and Asio, never in ours.
add_library(bwx_options INTERFACE)
add_library(bwx::options ALIAS bwx_options)

target_compile_options(bwx_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wconversion -Wsign-conversion -Wimplicit-fallthrough
    -Wno-missing-field-initializers
    $<$<CXX_COMPILER_ID:GNU>:-Wduplicated-cond -Wlogical-op>
)
if(BWX_WERROR)
    target_compile_options(bwx_options INTERFACE -Werror)
endif()

option(BWX_SANITIZE "Build with AddressSanitizer and UBSan" OFF)
if(BWX_SANITIZE)
    target_compile_options(bwx_options INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(bwx_options INTERFACE -fsanitize=address,undefined)
endif()
