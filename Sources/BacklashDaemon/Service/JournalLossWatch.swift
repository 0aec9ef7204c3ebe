/// Turns the journal's sent/lost counters into the two moments worth a log line: losses start, writes recover.
struct JournalLossWatch {
    enum Change: Equatable {
        case startedLosing(Int)
        case recovered(Int)
    }

    var sent: Int
    var lost: Int
    var losing = false

    mutating func update(sent newSent: Int, lost newLost: Int) -> Change? {
        defer { (sent, lost) = (newSent, newLost) }
        if newLost > lost && !losing {
            losing = true
            return .startedLosing(newLost)
        }
        if losing && newSent > sent && newLost == lost {
            losing = false
            return .recovered(newLost)
        }
        return nil
    }
}
