// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title PriceFeed, a Chainlink-style aggregator fed by the devnet simulator.
/// @notice Emits Chainlink's AnswerUpdated/NewRound events and answers latestRoundData the way an
///         OCR aggregator does (updatedAt = the block timestamp of the transmission), so readers
///         written for mainnet feeds work unchanged.
contract PriceFeed {
    struct Round {
        int256 answer;
        uint64 startedAt;
        uint64 updatedAt;
    }

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    error OnlyTransmitter(address caller);
    error NoDataPresent();

    uint8 public immutable decimals;
    address public immutable transmitter;
    string public description;
    uint256 public constant version = 4;
    uint80 public latestRound;
    mapping(uint80 => Round) private rounds;

    constructor(uint8 decimals_, string memory description_, address transmitter_) {
        decimals = decimals_;
        description = description_;
        transmitter = transmitter_;
    }

    /// @notice Publishes a new answer (the simulator's oracle report).
    function transmit(int256 answer) external {
        if (msg.sender != transmitter) revert OnlyTransmitter(msg.sender);
        uint80 roundId = latestRound + 1;
        latestRound = roundId;
        rounds[roundId] = Round(answer, uint64(block.timestamp), uint64(block.timestamp));
        emit NewRound(roundId, msg.sender, block.timestamp);
        emit AnswerUpdated(answer, roundId, block.timestamp);
    }

    function getRoundData(uint80 roundId) public view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = rounds[roundId];
        if (r.updatedAt == 0) revert NoDataPresent();
        return (roundId, r.answer, r.startedAt, r.updatedAt, roundId);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return getRoundData(latestRound);
    }

    function latestAnswer() external view returns (int256) {
        return rounds[latestRound].answer;
    }

    function latestTimestamp() external view returns (uint256) {
        return rounds[latestRound].updatedAt;
    }
}
