/// A first-in, first-out queue over an array with a head index: pushing and popping are O(1), and consumed entries
/// are dropped in bulk once they are half the array (each entry is moved a few times over its life).
struct FIFOQueue<Element: Sendable>: Sendable {
    private(set) var entries: [Element] = []
    private(set) var head = 0

    /// Entries not consumed yet.
    var pending: Int { entries.count - head }

    mutating func push(_ element: Element) {
        entries.append(element)
    }

    /// The oldest entry, taken out of the queue.
    mutating func popFirst() -> Element? {
        guard head < entries.count else { return nil }
        head += 1
        defer { dropConsumed() }
        return entries[head - 1]
    }

    private mutating func dropConsumed() {
        if head > 4096 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
    }

    /// Keeps only the pending entries `isCurrent` accepts, once more than `limit` are pending.
    mutating func removeStale(beyond limit: Int, isCurrent: (Element) -> Bool) {
        guard pending > limit else { return }
        entries = entries[head...].filter(isCurrent)
        head = 0
    }
}

/// Group ids in the order they were last touched, oldest first. A group touched again gets a new entry; its older
/// ones go stale and are skipped (the caller knows each group's latest touch), so touching is O(1).
typealias TouchQueue = FIFOQueue<(id: Int, touch: Int)>
