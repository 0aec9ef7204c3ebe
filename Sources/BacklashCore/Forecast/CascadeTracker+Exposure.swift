import Foundation

extension CascadeTracker {
    /// Σ wᵢ·Φ(now − tᵢ) over a cascade's shares (wᵢ = followers), without visiting every share.
    ///
    /// Shares younger than the kernel cutoff s0 sit where Φ is linear (Φ(s) = c·s), so their sum is exact from
    /// two running totals. Older shares sit where Φ(s) = const − (c·s0/θ)·(s/s0)^−θ; they are merged into time
    /// bins no wider than `binRatio` × the age of their youngest share, and each bin's Σ wᵢ·(ageᵢ/s0)^−θ is
    /// taken from its moments by a second-order Taylor expansion about the bin's centre. The remainder is
    /// below θ(θ+1)(θ+2)/6·(binRatio/2)³ ≈ 0.17% of a bin's sum for binRatio ½ (and shrinks as the bin ages).
    /// Bins are merged whenever their number grows by half (at least 16), so there are O(log(age/s0)/binRatio)
    /// of them (20–40 over weeks), adding a share costs amortised O(1) and evaluating the sum costs O(bins).
    struct Exposure: Sendable, Hashable, Codable {
        /// One share not yet binned.
        struct Entry: Sendable, Hashable, Codable {
            var time: Double
            var weight: Double
        }

        /// Shares merged into one time range, with moments about `start`.
        struct Bin: Sendable, Hashable, Codable {
            var start: Double
            var end: Double
            /// Σ w
            var weight: Double
            /// Σ w·(t − start)
            var firstMoment: Double
            /// Σ w·(t − start)²
            var secondMoment: Double

            /// A bin holding one share.
            init(_ entry: Entry) {
                start = entry.time
                end = entry.time
                weight = entry.weight
                firstMoment = 0
                secondMoment = 0
            }

            /// Adds a share whose time lies inside or after the bin.
            mutating func absorb(_ entry: Entry) {
                if entry.time < start {
                    shiftAnchor(to: entry.time)
                }
                let d = entry.time - start
                weight += entry.weight
                firstMoment += entry.weight * d
                secondMoment += entry.weight * d * d
                end = max(end, entry.time)
            }

            /// Merges a later bin into this one.
            mutating func absorb(_ other: Bin) {
                let d = other.start - start
                weight += other.weight
                firstMoment += other.firstMoment + d * other.weight
                secondMoment += other.secondMoment + 2 * d * other.firstMoment + d * d * other.weight
                end = max(end, other.end)
            }

            /// Moves the moments' anchor back to an earlier time.
            private mutating func shiftAnchor(to newStart: Double) {
                let d = start - newStart
                secondMoment += 2 * d * firstMoment + d * d * weight
                firstMoment += d * weight
                start = newStart
            }
        }

        /// The kernel whose Φ is summed.
        let kernel: SeismicKernel
        /// Largest bin width as a fraction of the age of the bin's youngest share.
        let binRatio: Double
        /// The time the sums refer to; it only moves forward.
        private(set) var now: Double = 0
        /// Σ w over every share.
        private(set) var totalWeight: Double = 0
        private var recent: [Entry] = []
        private var recentHead = 0
        private var recentWeight = 0.0
        private var recentTimeWeight = 0.0
        private var bins: [Bin] = []
        private var mergeAtCount = 16

        /// An empty sum.
        init(kernel: SeismicKernel, binRatio: Double) {
            self.kernel = kernel
            self.binRatio = binRatio
        }

        /// Number of bins currently used for old shares.
        var binCount: Int { bins.count }

        /// Adds a share of weight `weight` at `time`; a time after `now` first advances `now` to it.
        mutating func add(time: Double, weight: Double) {
            if time > now { advance(to: time) }
            totalWeight += weight
            let entry = Entry(time: time, weight: weight)
            if now - time <= kernel.cutoff {
                recentWeight += weight
                recentTimeWeight += weight * time
                if let last = recent.last, recent.count > recentHead, last.time > time {
                    var index = recent.count
                    while index > recentHead && recent[index - 1].time > time { index -= 1 }
                    recent.insert(entry, at: index)
                } else {
                    recent.append(entry)
                }
            } else {
                insertOld(entry)
            }
        }

        /// Moves `now` forward to `t`, binning the shares that pass the cutoff age.
        mutating func advance(to t: Double) {
            guard t > now else { return }
            now = t
            while recentHead < recent.count && now - recent[recentHead].time > kernel.cutoff {
                let entry = recent[recentHead]
                recentHead += 1
                recentWeight -= entry.weight
                recentTimeWeight -= entry.weight * entry.time
                appendOld(entry)
            }
            if recentHead == recent.count {
                recent.removeAll(keepingCapacity: true)
                recentHead = 0
                recentWeight = 0
                recentTimeWeight = 0
            } else if recentHead > 64 && recentHead * 2 > recent.count {
                recent.removeFirst(recentHead)
                recentHead = 0
            }
        }

        /// Σ wᵢ·Φ(now − tᵢ).
        func cumulative() -> Double {
            var sum = kernel.c * (now * recentWeight - recentTimeWeight)
            let theta = kernel.theta
            let plateau = kernel.c * kernel.cutoff + kernel.tailScale
            for bin in bins {
                let half = (bin.end - bin.start) / 2
                let age = now - (bin.start + half)
                let first = bin.firstMoment - half * bin.weight
                let second = bin.secondMoment - 2 * half * bin.firstMoment + half * half * bin.weight
                let powerSum = pow(age / kernel.cutoff, -theta)
                    * (bin.weight + theta * first / age + theta * (theta + 1) / 2 * second / (age * age))
                sum += plateau * bin.weight - kernel.tailScale * powerSum
            }
            return sum
        }

        /// Appends a share that just passed the cutoff age to the newest bin, or starts a new bin.
        private mutating func appendOld(_ entry: Entry) {
            if let last = bins.last, fits(entry, into: last) {
                bins[bins.count - 1].absorb(entry)
            } else {
                bins.append(Bin(entry))
                mergeIfCrowded()
            }
        }

        /// Files a late-arriving old share into the bin covering its time, a neighbour that stays narrow
        /// enough, or a new bin in order.
        private mutating func insertOld(_ entry: Entry) {
            var index = bins.count
            while index > 0 && bins[index - 1].start > entry.time { index -= 1 }
            if index > 0 && entry.time <= bins[index - 1].end {
                bins[index - 1].absorb(entry)
            } else if index > 0 && fits(entry, into: bins[index - 1]) {
                bins[index - 1].absorb(entry)
            } else if index < bins.count && fits(entry, into: bins[index]) {
                bins[index].absorb(entry)
            } else {
                bins.insert(Bin(entry), at: index)
                mergeIfCrowded()
            }
        }

        /// Whether `bin` stays within `binRatio` × its youngest age once it holds `entry`.
        private func fits(_ entry: Entry, into bin: Bin) -> Bool {
            let end = max(bin.end, entry.time)
            return end - min(bin.start, entry.time) <= binRatio * (now - end)
        }

        /// Merges bins once their number has grown by half since the last merge (amortised O(1) per bin).
        private mutating func mergeIfCrowded() {
            guard bins.count >= mergeAtCount else { return }
            mergeBins()
            mergeAtCount = bins.count + max(16, bins.count / 2)
        }

        /// Merges neighbouring bins while the merged width stays within `binRatio` × the youngest age.
        private mutating func mergeBins() {
            var merged: [Bin] = []
            merged.reserveCapacity(bins.count)
            for bin in bins {
                if let last = merged.last, bin.end - last.start <= binRatio * (now - bin.end) {
                    merged[merged.count - 1].absorb(bin)
                } else {
                    merged.append(bin)
                }
            }
            bins = merged
        }
    }
}
