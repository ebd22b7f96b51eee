// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

/// @title ArtTraits, trait tables and the SVG renderer shared by the devnet collections.
/// @notice Trait value i of type t is chosen from 16 bits of the seed by cumulative weights (out of
///         10,000). chain/sim/traits.ts mirrors pick() to write ground truth; a test compares the two.
library ArtTraits {
    using Strings for uint256;

    uint256 internal constant TYPES = 5;

    function typeName(uint256 t) internal pure returns (string memory) {
        return ["Background", "Form", "Palette", "Density", "Aura"][t];
    }

    function weights(uint256 t) internal pure returns (uint16[6] memory) {
        if (t == 0) return [uint16(2600), 2200, 1800, 1600, 1200, 600];
        if (t == 1) return [uint16(3000), 2500, 2000, 1700, 800, 0];
        if (t == 2) return [uint16(2500), 2200, 2000, 1700, 1100, 500];
        if (t == 3) return [uint16(3500), 3500, 2200, 800, 0, 0];
        return [uint16(6000), 2000, 1200, 600, 200, 0];
    }

    function valueName(uint256 t, uint256 v) internal pure returns (string memory) {
        if (t == 0) return ["Midnight", "Dusk", "Paper", "Fog", "Ember", "Abyss"][v];
        if (t == 1) return ["Orb", "Tile", "Shard", "Ring", "Strand", ""][v];
        if (t == 2) return ["Neon", "Pastel", "Mono", "Sunset", "Ocean", "Gold"][v];
        if (t == 3) return ["Sparse", "Balanced", "Dense", "Swarm", "", ""][v];
        return ["None", "Glow", "Halo", "Prism", "Void", ""][v];
    }

    function pick(uint256 seed) internal pure returns (uint8[5] memory out) {
        for (uint256 t = 0; t < TYPES; t++) {
            uint256 r = ((seed >> (16 * t)) & 0xffff) % 10000;
            uint16[6] memory w = weights(t);
            uint256 acc = 0;
            for (uint256 v = 0; v < 6; v++) {
                acc += w[v];
                if (r < acc) {
                    out[t] = uint8(v);
                    break;
                }
            }
        }
    }

    function attributesJson(uint8[5] memory t) internal pure returns (string memory s) {
        s = "[";
        for (uint256 i = 0; i < TYPES; i++) {
            s = string.concat(s, i == 0 ? "" : ",", '{"trait_type":"', typeName(i), '","value":"', valueName(i, t[i]), '"}');
        }
        return string.concat(s, "]");
    }

    function background(uint256 v) internal pure returns (string memory) {
        return ["#0b1026", "#3b2c4f", "#f4efe6", "#cfd6dc", "#4a1c12", "#020203"][v];
    }

    function color(uint256 palette, uint256 i) internal pure returns (string memory) {
        string[3][6] memory p = [
            ["#39ff14", "#ff2bd6", "#00e5ff"],
            ["#f7c6d9", "#bde0fe", "#cdeac0"],
            ["#222222", "#777777", "#dddddd"],
            ["#ff7b00", "#ff3d5a", "#ffd166"],
            ["#023e8a", "#00b4d8", "#90e0ef"],
            ["#b8860b", "#ffd700", "#fff1b8"]
        ];
        return p[palette][i % 3];
    }

    /// @notice A 256×256 SVG: background, then Density-many shapes of the token's Form, then its Aura.
    function svg(uint8[5] memory t, uint256 seed) internal pure returns (string memory s) {
        s = string.concat(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256"><rect width="256" height="256" fill="',
            background(t[0]),
            '"/>'
        );
        uint256 count = [uint256(5), 9, 14, 20][t[3]];
        for (uint256 i = 0; i < count; i++) s = string.concat(s, shape(t[1], t[2], uint256(keccak256(abi.encode(seed, i)))));
        return string.concat(s, aura(t[4], color(t[2], 0)), "</svg>");
    }

    function shape(uint256 form, uint256 palette, uint256 h) internal pure returns (string memory) {
        string memory x = (24 + (h & 0xff) % 208).toString();
        string memory y = (24 + ((h >> 8) & 0xff) % 208).toString();
        uint256 size = 6 + ((h >> 16) & 0xff) % 18;
        string memory c = color(palette, (h >> 24) & 0xff);
        string memory sz = size.toString();
        if (form == 0) return string.concat('<circle cx="', x, '" cy="', y, '" r="', sz, '" fill="', c, '" opacity="0.85"/>');
        if (form == 1) return string.concat('<rect x="', x, '" y="', y, '" width="', sz, '" height="', sz, '" fill="', c, '"/>');
        if (form == 2) {
            return string.concat('<polygon points="', x, ",", y, " ", (24 + (h & 0xff) % 208 + size).toString(), ",", y, " ", x, ",", (24 + ((h >> 8) & 0xff) % 208 + size).toString(), '" fill="', c, '"/>');
        }
        if (form == 3) return string.concat('<circle cx="', x, '" cy="', y, '" r="', sz, '" fill="none" stroke="', c, '" stroke-width="3"/>');
        return string.concat('<line x1="', x, '" y1="', y, '" x2="', (((h >> 32) & 0xff)).toString(), '" y2="', (((h >> 40) & 0xff)).toString(), '" stroke="', c, '" stroke-width="2"/>');
    }

    function aura(uint256 a, string memory c) internal pure returns (string memory) {
        if (a == 0) return "";
        if (a == 1) return string.concat('<circle cx="128" cy="128" r="110" fill="', c, '" opacity="0.15"/>');
        if (a == 2) return '<circle cx="128" cy="128" r="118" fill="none" stroke="#ffd700" stroke-width="4"/>';
        if (a == 3) return '<rect x="28" y="28" width="200" height="200" fill="none" stroke="#ff00ff" stroke-width="2" transform="rotate(45 128 128)"/>';
        return '<circle cx="128" cy="128" r="36" fill="#000000"/>';
    }
}
