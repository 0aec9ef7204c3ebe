/// Turns the journal's counters into the two moments worth a log line: losses start, writes get through again.
struct JournalLossWatch {
    enum Change: Equatable {
        case startedLosing(Int)
        case recovered(Int)
    }

    var lost: Int
    var losing = false

    /// `latestLost`: whether the most recent entry was lost (an entry that got through ends the outage).
    mutating func update(lost newLost: Int, latestLost: Bool) -> Change? {
        defer { lost = newLost }
        if !losing && newLost > lost {
            losing = true
            return .startedLosing(newLost)
        }
        if losing && !latestLost {
            losing = false
            return .recovered(newLost)
        }
        return nil
    }
}
