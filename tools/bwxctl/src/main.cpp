// bwxctl: the admin and scripting command line of the BWX exchange (docs/bwxctl.md).
#include "cli.h"
#include "context.h"

#include <iostream>

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    return bwx::ctl::run(args, std::cout, std::cerr, bwx::ctl::processEnvironment(),
                         bwx::ctl::systemClock);
}
