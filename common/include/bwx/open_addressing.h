#pragma once
// What every linear-probing table of the project does when it erases: backward-shift deletion.
// The entries after the erased one, up to the first empty slot, are pulled back into the hole
// when that keeps them reachable from their home slot, so lookups never meet tombstones and
// probe runs stay as short as if the erased key had never been inserted.
#include <cstddef>

namespace bwx {

// Closes the hole at slot `hole` of a table of `mask + 1` slots (a power of two).
// occupied(j): slot j holds an entry; home(j): the slot its key hashes to;
// move(to, from): moves the entry of slot `from` into the empty slot `to`;
// clear(j): empties slot j (called once, for the last hole).
template<class Occupied, class Home, class Move, class Clear>
void closeProbeHole(std::size_t hole, std::size_t mask, Occupied &&occupied, Home &&home,
                    Move &&move, Clear &&clear)
{
    for (std::size_t j = (hole + 1) & mask; occupied(j); j = (j + 1) & mask) {
        // Movable when it is at least as far from its home as from the hole, i.e. its home
        // does not lie cyclically in (hole, j].
        if (((j - home(j)) & mask) >= ((j - hole) & mask)) {
            move(hole, j);
            hole = j;
        }
    }
    clear(hole);
}

// The same for a table of any number of slots (`slotCount` > 0, not necessarily a power of
// two), whose probe sequence steps from the last slot back to slot 0.
template<class Occupied, class Home, class Move, class Clear>
void closeProbeHoleIn(std::size_t hole, std::size_t slotCount, Occupied &&occupied, Home &&home,
                      Move &&move, Clear &&clear)
{
    const auto next = [slotCount](std::size_t i) { return i + 1 == slotCount ? 0 : i + 1; };
    // How far `to` lies after `from` along the probe sequence.
    const auto distance = [slotCount](std::size_t from, std::size_t to) {
        return to >= from ? to - from : to + slotCount - from;
    };
    for (std::size_t j = next(hole); occupied(j); j = next(j)) {
        if (distance(home(j), j) >= distance(hole, j)) {
            move(hole, j);
            hole = j;
        }
    }
    clear(hole);
}

} // namespace bwx
