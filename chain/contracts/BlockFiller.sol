// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title BlockFiller, the devnet's stand-in for the rest of mainnet's traffic.
/// @notice Burns gas by expanding memory (3·w + w²/512 gas for w words), which costs the EVM almost
///         no work, so blocks reach a chosen fullness cheaply and the EIP-1559 base fee moves by the
///         protocol's own rule from real gas used (see docs/decisions/0003-devnet.md).
contract BlockFiller {
    /// @param words memory words to touch; returning the last one makes the expansion unavoidable
    ///        (an optimizer may drop a store nobody reads, but not a RETURN of that memory).
    function burn(uint256 words) external pure returns (uint256) {
        assembly {
            let offset := mul(sub(words, 1), 32)
            mstore(offset, words)
            return(offset, 32)
        }
    }
}
