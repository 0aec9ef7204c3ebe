/// Group ids in the order they were last touched, oldest first. A group touched again gets a new entry; its older
/// ones go stale and are skipped (the caller knows each group's latest touch), so touching is O(1).
struct TouchQueue: Sendable {
    private(set) var entries: [(id: Int, touch: Int)] = []
    private(set) var head = 0

    /// Entries not consumed yet, stale ones included.
    var pending: Int { entries.count - head }

    mutating func push(_ id: Int, touch: Int) {
        entries.append((id, touch))
    }

    /// The oldest entry, taken out of the queue.
    mutating func popFirst() -> (id: Int, touch: Int)? {
        guard head < entries.count else { return nil }
        head += 1
        return entries[head - 1]
    }

    /// Drops consumed entries once they are half the array, and stale ones once the queue holds more than `limit`
    /// (amortised: each entry is copied a few times over its life).
    mutating func compact(limit: Int, isCurrent: (Int, Int) -> Bool) {
        if head > 4096 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
        if pending > limit {
            entries = entries[head...].filter { isCurrent($0.id, $0.touch) }
            head = 0
        }
    }
}
