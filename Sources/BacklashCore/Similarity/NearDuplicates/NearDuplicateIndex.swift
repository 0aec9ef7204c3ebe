/// Finds earlier posts whose text is a near-duplicate of a new one (flashmob copy-paste) without comparing against
/// every post: locality-sensitive hashing over `MinHashSignature` bands, 32 bands of 4 values.
///
/// A pair with similarity 0.6 shares at least one band with probability ≈ 0.99, a pair at 0.3 with ≈ 0.23; candidates
/// are then checked against the threshold, so a match is never below it. Memory stays bounded in a long-running
/// daemon: `evict(olderThan:)` drops posts outside the time window (their bucket entries are reclaimed in batches),
/// and a query reads only the `bucketCapacity` most recently inserted posts of each bucket, so a storm of identical
/// copies is still found through its newest members while queries stay fast. About 1.5–3 KB per post held.
public struct NearDuplicateIndex: Sendable {
    /// Bands the signature is cut into.
    public static let bandCount = 32
    /// Signature values per band.
    public static let rowsPerBand = MinHashSignature.valueCount / bandCount

    /// Most recently inserted posts read per bucket by a query.
    public let bucketCapacity: Int

    private var ids: [String] = []
    private var signatures: [MinHashSignature] = []
    private var times: [Double] = []
    private var generations: [UInt32] = []
    private var insertionOrder: [UInt64] = []
    private var live: [Bool] = []
    private var freeSlots: [Int] = []
    private var slotByID: [String: Int] = [:]
    private var expiry = ExpiryHeap()
    private var insertions: UInt64 = 0

    private var buckets = BandTable()
    private var nodes: [BandNode] = []
    private var deadNodes = 0
    /// A compaction under way: fresh buckets built a few posts per call, so no single call pays for all of them.
    private var rebuild: Rebuild?
    /// Compactions started so far (for tests and curiosity).
    private(set) var compactions = 0
    /// Whether a compaction is under way.
    var isCompacting: Bool { rebuild != nil }
    /// Posts linked into the fresh buckets per call while a compaction is under way.
    static let rebuildStep = 8

    private struct Rebuild: Sendable {
        var buckets: BandTable
        var nodes: [BandNode] = []
        /// The live posts when it started, oldest first; `next` is the first not linked yet.
        var pending: [Int]
        var next = 0
        /// `insertions` when it started: posts inserted since are linked into both bucket sets.
        var startedAt: UInt64
        /// Insertion order of the last pending post linked.
        var linkedUpTo: UInt64?
        var deadNodes = 0
    }

    /// Creates an empty index.
    public init(bucketCapacity: Int = 256) {
        self.bucketCapacity = max(1, bucketCapacity)
    }

    /// Posts currently held.
    public var count: Int { slotByID.count }

    /// Whether a post with this id is held.
    public func contains(id: String) -> Bool { slotByID[id] != nil }

    /// Adds a post; inserting an id again replaces its signature and time (re-delivery is idempotent).
    public mutating func insert(id: String, signature: MinHashSignature, time: Double) {
        guard let slot = allocateSlot(id: id, signature: signature, time: time) else { return }
        linkBands(of: slot)
        advanceRebuild()
    }

    /// Adds a post and returns the posts already held that it near-duplicates (as `nearDuplicates(of:threshold:)`
    /// would, itself excluded), reading each bucket once: the daemon's usual step for every new post.
    public mutating func insertAndMatch(
        id: String, signature: MinHashSignature, time: Double, threshold: Double = 0.6
    ) -> [NearDuplicateMatch] {
        if let existing = slotByID[id], signatures[existing] == signature, times[existing] == time {
            return nearDuplicates(of: signature, threshold: threshold, excluding: id)
        }
        guard let slot = allocateSlot(id: id, signature: signature, time: time), !signature.isEmpty else { return [] }
        let keys = Self.bandKeys(signature)
        var heads = [Int32](repeating: -1, count: Self.bandCount)
        keys.withUnsafeBufferPointer { keys in
            heads.withUnsafeMutableBufferPointer { heads in
                buckets.heads(for: keys, into: heads)
            }
        }
        var slots: [Int] = []
        for band in 0..<Self.bandCount {
            collectLive(from: heads[band], into: &slots)
            nodes.append(BandNode(slot: Int32(slot), generation: generations[slot], next: heads[band]))
            buckets.setHead(Int32(nodes.count - 1), for: keys[band])
        }
        linkIntoRebuild(slot)
        advanceRebuild()
        slots.removeAll { $0 == slot }
        return matches(of: signature, among: Self.sortedUnique(slots), threshold: threshold, excluding: nil)
    }

    /// The bucket key of every band.
    private static func bandKeys(_ signature: MinHashSignature) -> [UInt64] {
        (0..<bandCount).map { bandKey(signature, band: $0) }
    }

    /// Stores a post in a slot (replacing an earlier post with the same id); nil when it is already stored as is.
    private mutating func allocateSlot(id: String, signature: MinHashSignature, time: Double) -> Int? {
        if let existing = slotByID[id] {
            if signatures[existing] == signature && times[existing] == time { return nil }
            remove(id: id)
        }
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            ids[slot] = id
            signatures[slot] = signature
            times[slot] = time
            generations[slot] &+= 1
            insertionOrder[slot] = insertions
            live[slot] = true
        } else {
            slot = ids.count
            ids.append(id)
            signatures.append(signature)
            times.append(time)
            generations.append(0)
            insertionOrder.append(insertions)
            live.append(true)
        }
        insertions += 1
        slotByID[id] = slot
        expiry.push(ExpiryHeap.Entry(time: time, slot: slot, generation: generations[slot]))
        return slot
    }

    /// Removes a post; nothing happens when the id is not held.
    public mutating func remove(id: String) {
        guard let slot = slotByID[id] else { return }
        slotByID[id] = nil
        release(slot)
        compactIfWasteful()
    }

    /// Drops every post inserted with a time before `cutoff`; returns how many were dropped.
    @discardableResult
    public mutating func evict(olderThan cutoff: Double) -> Int {
        var evicted = 0
        while let oldest = expiry.peek(), oldest.time < cutoff {
            expiry.pop()
            let slot = oldest.slot
            guard live[slot], generations[slot] == oldest.generation else { continue }
            slotByID[ids[slot]] = nil
            release(slot)
            evicted += 1
        }
        compactIfWasteful()
        return evicted
    }

    /// Ids of posts sharing at least one band with the signature: possible near-duplicates, unverified.
    public func candidates(for signature: MinHashSignature) -> [String] {
        candidateSlots(for: signature).map { ids[$0] }
    }

    /// Posts whose estimated similarity to the signature is at least `threshold`, most similar first (then oldest,
    /// then by id); `excluding` leaves out one id, typically the post being looked up.
    public func nearDuplicates(
        of signature: MinHashSignature, threshold: Double = 0.6, excluding excludedID: String? = nil
    ) -> [NearDuplicateMatch] {
        matches(of: signature, among: candidateSlots(for: signature), threshold: threshold, excluding: excludedID)
    }

    private func matches(
        of signature: MinHashSignature, among slots: [Int], threshold: Double, excluding excludedID: String?
    ) -> [NearDuplicateMatch] {
        var matches: [NearDuplicateMatch] = []
        for slot in slots where ids[slot] != excludedID {
            let similarity = signature.estimatedJaccard(signatures[slot])
            if similarity >= threshold {
                matches.append(NearDuplicateMatch(id: ids[slot], similarity: similarity, time: times[slot]))
            }
        }
        matches.sort {
            if $0.similarity != $1.similarity { return $0.similarity > $1.similarity }
            if $0.time != $1.time { return $0.time < $1.time }
            return $0.id < $1.id
        }
        return matches
    }

    private func candidateSlots(for signature: MinHashSignature) -> [Int] {
        guard !signature.isEmpty else { return [] }
        let keys = Self.bandKeys(signature)
        var heads = [Int32](repeating: -1, count: Self.bandCount)
        keys.withUnsafeBufferPointer { keys in
            heads.withUnsafeMutableBufferPointer { heads in
                buckets.heads(for: keys, into: heads)
            }
        }
        var slots: [Int] = []
        for head in heads {
            collectLive(from: head, into: &slots)
        }
        return Self.sortedUnique(slots)
    }

    /// Appends the live posts of a bucket, newest first, at most `bucketCapacity` of them, reading at most four times
    /// that many entries (dropped posts linger in buckets until the next compaction).
    private func collectLive(from head: Int32, into slots: inout [Int]) {
        var node = head
        var taken = 0
        var visited = 0
        while node >= 0 && taken < bucketCapacity && visited < bucketCapacity * 4 {
            visited += 1
            let entry = nodes[Int(node)]
            let slot = Int(entry.slot)
            if live[slot] && generations[slot] == entry.generation {
                slots.append(slot)
                taken += 1
            }
            node = entry.next
        }
    }

    private static func sortedUnique(_ slots: [Int]) -> [Int] {
        guard slots.count > 1 else { return slots }
        var slots = slots
        slots.sort()
        var unique = 1
        for index in 1..<slots.count where slots[index] != slots[unique - 1] {
            slots[unique] = slots[index]
            unique += 1
        }
        slots.removeLast(slots.count - unique)
        return slots
    }

    private mutating func linkBands(of slot: Int) {
        Self.link(slot, signatures[slot], generations[slot], nodes: &nodes, buckets: &buckets)
        linkIntoRebuild(slot)
    }

    private static func link(
        _ slot: Int, _ signature: MinHashSignature, _ generation: UInt32, nodes: inout [BandNode],
        buckets: inout BandTable
    ) {
        guard !signature.isEmpty else { return }
        for band in 0..<Self.bandCount {
            let key = Self.bandKey(signature, band: band)
            let head = buckets.head(for: key) ?? -1
            nodes.append(BandNode(slot: Int32(slot), generation: generation, next: head))
            buckets.setHead(Int32(nodes.count - 1), for: key)
        }
    }

    /// A post inserted while a compaction is under way goes into the fresh buckets too.
    private mutating func linkIntoRebuild(_ slot: Int) {
        guard var r = rebuild else { return }
        rebuild = nil  // taken out so its arrays are changed in place
        Self.link(slot, signatures[slot], generations[slot], nodes: &r.nodes, buckets: &r.buckets)
        rebuild = r
    }

    private mutating func release(_ slot: Int) {
        live[slot] = false
        if !signatures[slot].isEmpty {
            deadNodes += Self.bandCount
            if let r = rebuild, insertionOrder[slot] >= r.startedAt || r.linkedUpTo.map({ insertionOrder[slot] <= $0 }) == true {
                rebuild!.deadNodes += Self.bandCount  // its entries are in the fresh buckets too
            }
        }
        ids[slot] = ""
        signatures[slot] = MinHashSignature.emptySignature
        freeSlots.append(slot)
    }

    /// Rebuilds the buckets from the live posts once two thirds of the bucket entries point at dropped ones (memory
    /// at most about three times the live entries, and each post re-linked about once in its lifetime). The fresh
    /// buckets are built `rebuildStep` posts per call while queries still read the old ones, then swapped in: a
    /// rebuild at once took tens of milliseconds with 30,000 posts held, a pause for whoever waited on the caller.
    private mutating func compactIfWasteful() {
        if rebuild != nil {
            advanceRebuild()
            return
        }
        guard deadNodes > 4_096 && deadNodes * 3 > nodes.count * 2 else { return }
        let liveSlots = live.indices.filter { live[$0] }.sorted { insertionOrder[$0] < insertionOrder[$1] }
        compactions += 1
        var fresh = Rebuild(
            buckets: BandTable(expectedKeys: liveSlots.count * Self.bandCount), pending: liveSlots,
            startedAt: insertions)
        // Sized for what it will hold (plus posts inserted meanwhile), not grown by doubling.
        fresh.nodes.reserveCapacity((liveSlots.count + liveSlots.count / 8) * Self.bandCount)
        rebuild = fresh
        // Removed posts leave their expiry entries behind; past twice the live ones the heap is rebuilt too.
        if expiry.count > 2 * liveSlots.count + 4_096 {
            expiry = ExpiryHeap(liveSlots.map { ExpiryHeap.Entry(time: times[$0], slot: $0, generation: generations[$0]) })
        }
        advanceRebuild()
    }

    /// Links the next few pending posts into the fresh buckets; swaps them in when all are there.
    private mutating func advanceRebuild() {
        guard var r = rebuild else { return }
        rebuild = nil  // taken out so its arrays are changed in place
        var budget = Self.rebuildStep
        while budget > 0 && r.next < r.pending.count {
            let slot = r.pending[r.next]
            r.next += 1
            // Released since, or reused by a newer post (already linked into both).
            guard live[slot], insertionOrder[slot] < r.startedAt else { continue }
            Self.link(slot, signatures[slot], generations[slot], nodes: &r.nodes, buckets: &r.buckets)
            r.linkedUpTo = insertionOrder[slot]
            budget -= 1
        }
        if r.next < r.pending.count {
            rebuild = r
            return
        }
        buckets = r.buckets
        nodes = r.nodes
        deadNodes = r.deadNodes
    }

    /// The bucket key of one band: its four values and the band number, mixed.
    private static func bandKey(_ signature: MinHashSignature, band: Int) -> UInt64 {
        signature.values.withUnsafeBufferPointer { values in
            let base = band * rowsPerBand
            let first = UInt64(values[base]) << 32 | UInt64(values[base + 1])
            let second = UInt64(values[base + 2]) << 32 | UInt64(values[base + 3])
            return StableHash.mix(StableHash.mix(first ^ UInt64(band) << 58) ^ second)
        }
    }
}

extension MinHashSignature {
    /// The signature of a text without words.
    static let emptySignature = MinHashSignature(values: [])!
}

/// One post in one bucket; buckets are singly linked lists, newest first.
private struct BandNode: Sendable {
    var slot: Int32
    var generation: UInt32
    var next: Int32
}

/// Band key → newest node of its bucket: open addressing with linear probing over 8-byte entries (the key's upper
/// 32 bits as fingerprint and home position, the head + 1 below; 0 is empty), so a lookup touches one cache line and
/// the table costs well under a kilobyte per post. Keys sharing a fingerprint share a bucket: that only adds
/// candidates, which the similarity check then rejects.
private struct BandTable: Sendable {
    private static let fingerprintMask: UInt64 = 0xFFFF_FFFF_0000_0000
    private var entries: [UInt64]
    private var used = 0

    /// Creates a table sized for about `expectedKeys` keys.
    init(expectedKeys: Int = 0) {
        entries = [UInt64](repeating: 0, count: Self.capacity(for: expectedKeys))
    }

    private static func capacity(for expectedKeys: Int) -> Int {
        var capacity = 1_024
        while capacity < expectedKeys * 2 {
            capacity *= 2
        }
        return capacity
    }

    @inline(__always)
    private static func home(_ fingerprint: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: fingerprint >> 32) & mask
    }

    func head(for key: UInt64) -> Int32? {
        entries.withUnsafeBufferPointer { entries in
            let mask = entries.count - 1
            let fingerprint = key & Self.fingerprintMask
            var position = Self.home(fingerprint, mask: mask)
            while true {
                let entry = entries[position]
                if entry == 0 { return nil }
                if entry & Self.fingerprintMask == fingerprint { return Int32(truncatingIfNeeded: entry) - 1 }
                position = (position + 1) & mask
            }
        }
    }

    /// The heads of many keys (-1: no bucket): first every home entry is loaded (independent loads the processor
    /// overlaps), then each key is resolved from there.
    func heads(for keys: UnsafeBufferPointer<UInt64>, into heads: UnsafeMutableBufferPointer<Int32>) {
        entries.withUnsafeBufferPointer { entries in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: keys.count) { homeEntries in
                let mask = entries.count - 1
                for index in keys.indices {
                    homeEntries[index] = entries[Self.home(keys[index] & Self.fingerprintMask, mask: mask)]
                }
                for index in keys.indices {
                    let fingerprint = keys[index] & Self.fingerprintMask
                    var position = Self.home(fingerprint, mask: mask)
                    var entry = homeEntries[index]
                    var head: Int32 = -1
                    while entry != 0 {
                        if entry & Self.fingerprintMask == fingerprint {
                            head = Int32(truncatingIfNeeded: entry) - 1
                            break
                        }
                        position = (position + 1) & mask
                        entry = entries[position]
                    }
                    heads[index] = head
                }
            }
        }
    }

    mutating func setHead(_ head: Int32, for key: UInt64) {
        if (used + 1) * 2 > entries.count { grow() }
        let fingerprint = key & Self.fingerprintMask
        let entry = fingerprint | UInt64(UInt32(head + 1))
        let inserted = entries.withUnsafeMutableBufferPointer { entries in
            let mask = entries.count - 1
            var position = Self.home(fingerprint, mask: mask)
            while entries[position] != 0 {
                if entries[position] & Self.fingerprintMask == fingerprint {
                    entries[position] = entry
                    return false
                }
                position = (position + 1) & mask
            }
            entries[position] = entry
            return true
        }
        if inserted { used += 1 }
    }

    private mutating func grow() {
        let old = entries
        var grown = [UInt64](repeating: 0, count: old.count * 2)
        grown.withUnsafeMutableBufferPointer { grown in
            let mask = grown.count - 1
            for entry in old where entry != 0 {
                var position = Self.home(entry & Self.fingerprintMask, mask: mask)
                while grown[position] != 0 {
                    position = (position + 1) & mask
                }
                grown[position] = entry
            }
        }
        entries = grown
    }
}

/// A binary min-heap of insertion times, so eviction touches only the posts it drops.
private struct ExpiryHeap: Sendable {
    struct Entry: Sendable {
        var time: Double
        var slot: Int
        var generation: UInt32
    }

    private var entries: [Entry] = []

    init() {}

    /// A heap of these entries (bottom-up, linear time).
    init(_ entries: [Entry]) {
        self.entries = entries
        var parent = entries.count / 2 - 1
        while parent >= 0 {
            siftDown(parent)
            parent -= 1
        }
    }

    var count: Int { entries.count }

    func peek() -> Entry? { entries.first }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].time < entries[parent].time else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() {
        guard !entries.isEmpty else { return }
        entries.swapAt(0, entries.count - 1)
        entries.removeLast()
        siftDown(0)
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = parent * 2 + 1
            let right = left + 1
            var smallest = parent
            if left < entries.count && entries[left].time < entries[smallest].time { smallest = left }
            if right < entries.count && entries[right].time < entries[smallest].time { smallest = right }
            if smallest == parent { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}
