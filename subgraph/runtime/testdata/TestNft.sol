// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// Emits the events the runtime's test subgraph handles; no token logic on purpose.
contract TestNft {
    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Spawn(address indexed child);

    function name() external pure returns (string memory) {
        return "Devnet Test";
    }

    function emitTransfers(address from, address to, uint256 firstId, uint256 count) external {
        for (uint256 i = 0; i < count; i++) emit Transfer(from, to, firstId + i);
    }

    function spawn(address child) external {
        emit Spawn(child);
    }
}
