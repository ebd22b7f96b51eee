// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC2981} from "@openzeppelin/contracts/token/common/ERC2981.sol";
import {Checkpoints} from "@openzeppelin/contracts/utils/structs/Checkpoints.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {ArtTraits} from "./ArtTraits.sol";

/// @title GenerativeArt721, an on-chain generative-art collection for the devnet.
/// @notice Each token's traits come from keccak256(traitSalt, tokenId); tokenURI returns a
///         data:application/json;base64 document whose image is an SVG drawn from those traits.
///         With `batchMinting`, a mint of n tokens stores one ownership checkpoint instead of n
///         owner slots (the ERC721A cost profile) and still emits one Transfer per token.
contract GenerativeArt721 is ERC721, ERC2981 {
    using Checkpoints for Checkpoints.Trace160;
    using Strings for uint256;

    error SaleNotStarted(uint256 startsAt);
    error WrongPayment(uint256 expectedWei, uint256 paidWei);
    error QuantityOutOfRange(uint256 quantity, uint256 maxPerTx);
    error SoldOut(uint256 remaining);

    uint256 public immutable maxSupply;
    uint256 public immutable mintPriceWei;
    uint256 public immutable maxPerTx;
    uint256 public immutable saleStart;
    bytes32 public immutable traitSalt;
    bool public immutable batchMinting;
    uint256 public totalSupply;
    Checkpoints.Trace160 private batchOwners;

    struct Config {
        string name;
        string symbol;
        uint256 maxSupply;
        uint256 mintPriceWei;
        uint256 maxPerTx;
        uint256 saleStart;
        bytes32 traitSalt;
        bool batchMinting;
        address royaltyReceiver;
        uint96 royaltyBps;
    }

    constructor(Config memory c) ERC721(c.name, c.symbol) {
        maxSupply = c.maxSupply;
        mintPriceWei = c.mintPriceWei;
        maxPerTx = c.maxPerTx;
        saleStart = c.saleStart;
        traitSalt = c.traitSalt;
        batchMinting = c.batchMinting;
        _setDefaultRoyalty(c.royaltyReceiver, c.royaltyBps);
    }

    /// @notice Mints `quantity` tokens (ids from 1) to the sender for quantity × mintPriceWei.
    function mint(uint256 quantity) external payable {
        if (block.timestamp < saleStart) revert SaleNotStarted(saleStart);
        if (quantity == 0 || quantity > maxPerTx) revert QuantityOutOfRange(quantity, maxPerTx);
        if (msg.value != quantity * mintPriceWei) revert WrongPayment(quantity * mintPriceWei, msg.value);
        uint256 first = totalSupply + 1;
        if (first + quantity - 1 > maxSupply) revert SoldOut(maxSupply - totalSupply);
        totalSupply += quantity;
        if (batchMinting) {
            _increaseBalance(msg.sender, uint128(quantity));
            batchOwners.push(uint96(first), uint160(msg.sender));
            for (uint256 i = 0; i < quantity; i++) emit Transfer(address(0), msg.sender, first + i);
        } else {
            for (uint256 i = 0; i < quantity; i++) _mint(msg.sender, first + i);
        }
    }

    /// @dev Tokens never transferred since a batch mint have no owner slot: the batch's checkpoint
    ///      (the last batch starting at or before the id) names the owner.
    function _ownerOf(uint256 tokenId) internal view override returns (address) {
        address owner = super._ownerOf(tokenId);
        if (owner != address(0) || !batchMinting || tokenId == 0 || tokenId > totalSupply) return owner;
        return address(batchOwners.upperLookupRecent(uint96(tokenId)));
    }

    /// @notice Trait value indices of a token, in ArtTraits order (Background, Form, Palette, Density, Aura).
    function traitsOf(uint256 tokenId) public view returns (uint8[5] memory) {
        _requireOwned(tokenId);
        return ArtTraits.pick(uint256(keccak256(abi.encode(traitSalt, tokenId))));
    }

    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        uint8[5] memory t = traitsOf(tokenId);
        uint256 seed = uint256(keccak256(abi.encode(traitSalt, tokenId)));
        string memory json = string.concat(
            '{"name":"',
            name(),
            " #",
            tokenId.toString(),
            '","description":"Generative art rendered on-chain from the token seed.","attributes":',
            ArtTraits.attributesJson(t),
            ',"image":"data:image/svg+xml;base64,',
            Base64.encode(bytes(ArtTraits.svg(t, seed))),
            '"}'
        );
        return string.concat("data:application/json;base64,", Base64.encode(bytes(json)));
    }

    function supportsInterface(bytes4 interfaceId) public view override(ERC721, ERC2981) returns (bool) {
        return super.supportsInterface(interfaceId);
    }
}
