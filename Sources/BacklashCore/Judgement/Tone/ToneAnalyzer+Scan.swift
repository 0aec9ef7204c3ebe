extension ToneAnalyzer {
    /// A byte offset into the post's UTF-8.
    typealias Index = Int

    /// What a number turned out to be, from its shape and the words around it.
    enum NumberKind {
        case plain, order, reference, date, time, amount, quantity
    }

    /// The alphabet a letter belongs to, for telling languages apart.
    enum Script {
        case latin, cyrillic, other
    }

    /// A number waiting for the next word, which may make it an amount ("350 руб"), a quantity ("2 грамма")
    /// or a date ("5 марта").
    struct PendingNumber {
        var kind: NumberKind
        var range: Range<Index>
        var value: Int
        var groups: Int
        /// Whether it was read as an order number only because "заказ"/"order" came shortly before.
        var fromOrderCue = false
    }

    /// One pass over a post's Unicode scalars, counting everything tone analysis needs.
    ///
    /// No regular expressions and no allocation per word: letters are folded to six-bit codes as they come, and
    /// each finished word is looked up once in the lexicon's hash table (whole word, then stems). Evidence is
    /// remembered as UTF-8 byte ranges and only turned into text for the markers.
    struct Scan {
        let lexicon: ToneLexicon

        // Letters and language.
        var casedLetters = 0
        var upperLetters = 0
        var cyrillicLetters = 0
        var latinLetters = 0
        var otherCyrillicLetters = 0
        var otherScriptLetters = 0
        var englishHits = 0

        // Punctuation and symbols.
        var previous: UInt32 = 0
        var bangs = 0
        var bangRun = 0
        var longestBangRun = 0
        var questionMarks = 0
        var questionRun = 0
        var longestQuestionRun = 0
        var mixedRun = 0
        var longestMixedRun = 0
        var parenRun = 0
        var emoticonCounted = false
        var emoticons = 0
        var emoji = 0
        var angryEmoji = 0

        // Words and sentences.
        var words = 0
        var tokensInSentence = 0
        var sentences = 0
        var inWord = false
        var wordStart: Index
        var word = ToneLexicon.KeyBuilder()
        var wordLetters = 0
        var wordCased = 0
        var wordUpper = 0
        var capsWords = 0
        var stretchedWords = 0
        var profanity = 0
        var interjections = 0
        var laughter = 0
        var insults = 0
        var positiveWords = 0
        var negativeWords = 0

        // Sentiment (VADER-style: boosters, caps emphasis, negation window, "but").
        var sentiment = 0.0
        var contrastWeight = 1.0
        var sinceNegation = 99
        var sinceBoost = 99
        var boost = 0.0

        // Request type.
        var suggestionCues = 0
        var strongSuggestionCues = 0
        var suggestionOpensSentence = false
        var conditional = false
        var please = false
        var politeness = 0
        var problemCues = 0
        var questionOpeners = 0

        // Facts.
        var greeting = false
        var orderNumbers = 0
        var datesAndTimes = 0
        var amounts = 0
        var quantities = 0
        var sinceOrderCue = 99
        var idPrefix: Index?
        var idPrefixWords = 0
        var currencyPrefix: Index?
        var monthJustBefore = false

        // The number being read.
        var inNumber = false
        var numberStart: Index
        var digits = 0
        var groups = 0
        var groupLength = 0
        var groupValue = 0
        var firstLength = 0
        var firstValue = 0
        var secondLength = 0
        var secondValue = 0
        var thirdLength = 0
        var separator: UInt32 = 0
        var pendingSeparator: UInt32 = 0
        var separatorIndex: Index
        var pending: PendingNumber?
        /// Start of an amount whose currency sign was just read; it ends at the next scalar.
        var amountAwaitingEnd: Index?

        // Where the first piece of each kind of evidence is, to quote it in the markers.
        var firstStretched: Range<Index>?
        var firstInterjection: Range<Index>?
        var firstCapsWord: Range<Index>?
        var firstLaughter: Range<Index>?
        var firstGreeting: Range<Index>?
        var firstOrder: Range<Index>?
        var firstDate: Range<Index>?
        var firstAmount: Range<Index>?
        var firstQuantity: Range<Index>?

        init(lexicon: ToneLexicon) {
            self.lexicon = lexicon
            self.wordStart = 0
            self.numberStart = 0
            self.separatorIndex = 0
        }

        // MARK: - Feeding scalars

        /// Reads one scalar at `index`.
        @inline(__always)
        mutating func feed(_ value: UInt32, at index: Index) {
            if let start = amountAwaitingEnd {
                firstAmount = start..<index
                amountAwaitingEnd = nil
            }
            if value &- 0x30 < 10 {
                digit(value, at: index)
                previous = value
                return
            }
            if inNumber {
                if pendingSeparator == 0 && Self.isNumberSeparator(value) {
                    pendingSeparator = value
                    separatorIndex = index
                    previous = value
                    return
                }
                endNumber(at: index)
            }
            let code = ToneLexicon.letterCode(value)
            if code != 0 {
                let upper = value < 0x80 ? value < 0x61 : (value < 0x430 && value != 0x451)
                letter(code, cased: true, upper: upper, script: value >= 0x400 ? .cyrillic : .latin, at: index)
            } else if inWord && (value == 0x27 || value == 0x2019) {
                word.append(ToneLexicon.apostropheCode)
            } else if value < 0x80 {
                ascii(value, at: index)
            } else if value >= 0x400 && value <= 0x4FF {
                otherCyrillicLetters += 1
                let properties = Unicode.Scalar(value)?.properties
                letter(
                    0, cased: properties?.isCased ?? false, upper: properties?.isUppercase ?? false, script: .cyrillic,
                    at: index)
            } else {
                nonASCII(value, at: index)
            }
            previous = value
        }

        /// Finishes the scan at the end of the text.
        mutating func finish(at end: Index) {
            if let start = amountAwaitingEnd {
                firstAmount = start..<end
                amountAwaitingEnd = nil
            }
            if inNumber { endNumber(at: end) }
            if inWord { finishWord(end: end) }
            if let number = pending {
                pending = nil
                commit(number)
            }
            if tokensInSentence > 0 { sentences += 1 }
        }

        // MARK: - Letters and words

        @inline(__always)
        mutating func letter(_ code: UInt8, cased: Bool, upper: Bool, script: Script, at index: Index) {
            if !inWord {
                inWord = true
                wordStart = index
                word = ToneLexicon.KeyBuilder()
                wordLetters = 0
                wordCased = 0
                wordUpper = 0
            }
            word.append(code)
            wordLetters += 1
            if cased {
                wordCased += 1
                casedLetters += 1
                if upper {
                    wordUpper += 1
                    upperLetters += 1
                }
            }
            switch script {
            case .latin: latinLetters += 1
            case .cyrillic: cyrillicLetters += 1
            case .other: otherScriptLetters += 1
            }
            resetRuns()
        }

        mutating func finishWord(end: Index) {
            inWord = false
            word.dropTrailingApostrophe()
            let index = words
            let opensSentence = tokensInSentence == 0
            words += 1
            tokensInSentence += 1
            sinceNegation &+= 1
            sinceBoost &+= 1
            sinceOrderCue &+= 1
            if idPrefix != nil {
                idPrefixWords += 1
                if idPrefixWords > 1 || wordLetters > 3 { idPrefix = nil }
            }
            currencyPrefix = nil
            let allCaps = wordCased >= 2 && wordUpper == wordCased
            if allCaps && wordCased >= 4 {
                capsWords += 1
                if firstCapsWord == nil { firstCapsWord = wordStart..<end }
            }
            if word.stretched {
                stretchedWords += 1
                if firstStretched == nil { firstStretched = wordStart..<end }
            }
            let position = lexicon.match(word)
            guard position >= 0 else {
                if let number = pending {
                    pending = nil
                    commit(number)
                }
                monthJustBefore = false
                return
            }
            let entry = lexicon.compiled(at: position)
            let roles = entry.roles
            if var number = pending {
                pending = nil
                if number.kind == .plain || number.kind == .reference || number.fromOrderCue {
                    if roles.contains(.currency) {
                        number.kind = .amount
                        number.range = number.range.lowerBound..<end
                    } else if roles.contains(.month) && number.groups == 1 && (1...31).contains(number.value) {
                        number.kind = .date
                        number.range = number.range.lowerBound..<end
                    } else if roles.contains(.unit) {
                        number.kind = .quantity
                        number.range = number.range.lowerBound..<end
                    }
                }
                commit(number)
            }
            monthJustBefore = roles.contains(.month)
            if entry.isLatin { englishHits += 1 }
            guard !roles.isEmpty || entry.valence != 0 else { return }
            if roles.contains(.functional) && sinceNegation >= 1 && sinceNegation <= 3 { problemCues += 1 }
            if entry.valence != 0 { addSentiment(entry.valence, allCaps: allCaps) }
            if roles.contains(.negation) { sinceNegation = 0 }
            if roles.contains(.booster) {
                boost = entry.intensity
                sinceBoost = 0
            }
            if roles.contains(.contrast) {
                sentiment *= 0.5
                contrastWeight = 1.5
            }
            if roles.contains(.profanity) { profanity += 1 }
            if roles.contains(.interjection) {
                interjections += 1
                if firstInterjection == nil { firstInterjection = wordStart..<end }
            }
            if roles.contains(.laughter) {
                laughter += 1
                if firstLaughter == nil { firstLaughter = wordStart..<end }
            }
            if roles.contains(.insult) { insults += 1 }
            if roles.contains(.greeting) && index <= 1 && !greeting {
                greeting = true
                firstGreeting = wordStart..<end
            }
            if roles.contains(.orderCue) { sinceOrderCue = 0 }
            if roles.contains(.dateWord) {
                datesAndTimes += 1
                if firstDate == nil { firstDate = wordStart..<end }
            }
            if roles.contains(.questionWord) && opensSentence { questionOpeners += 1 }
            if roles.contains(.suggestionCue) {
                suggestionCues += 1
                if opensSentence { suggestionOpensSentence = true }
            }
            if roles.contains(.strongSuggestionCue) {
                strongSuggestionCues += 1
                if opensSentence { suggestionOpensSentence = true }
            }
            if roles.contains(.conditional) { conditional = true }
            if roles.contains(.please) {
                please = true
                politeness += 1
            }
            if roles.contains(.politeness) { politeness += 1 }
            if roles.contains(.problemCue) { problemCues += 1 }
        }

        @inline(__always)
        mutating func addSentiment(_ base: Double, allCaps: Bool) {
            var value = base
            let sign = value > 0 ? 1.0 : -1.0
            if sinceBoost >= 1 && sinceBoost <= 2 { value += sign * boost * (sinceBoost == 1 ? 1 : 0.95) }
            if allCaps { value += sign * 0.733 }
            if sinceNegation >= 1 && sinceNegation <= 3 { value *= -0.74 }
            if value > 0 { positiveWords += 1 } else { negativeWords += 1 }
            sentiment += value * contrastWeight
        }

        // MARK: - Numbers

        @inline(__always)
        static func isNumberSeparator(_ value: UInt32) -> Bool {
            value == 0x3A || value == 0x2E || value == 0x2F || value == 0x2D || value == 0x2C
        }

        @inline(__always)
        mutating func digit(_ value: UInt32, at index: Index) {
            if inWord { finishWord(end: index) }
            if !inNumber {
                if let number = pending {
                    pending = nil
                    commit(number)
                }
                inNumber = true
                numberStart = index
                digits = 0
                groups = 1
                groupLength = 0
                groupValue = 0
                separator = 0
                pendingSeparator = 0
            } else if pendingSeparator != 0 {
                closeGroup()
                groups += 1
                if separator == 0 { separator = pendingSeparator }
                pendingSeparator = 0
                groupLength = 0
                groupValue = 0
            }
            digits += 1
            groupLength += 1
            if groupValue < 100_000_000 { groupValue = groupValue * 10 + Int(value &- 0x30) }
            resetRuns()
        }

        @inline(__always)
        mutating func closeGroup() {
            switch groups {
            case 1:
                firstLength = groupLength
                firstValue = groupValue
            case 2:
                secondLength = groupLength
                secondValue = groupValue
            case 3: thirdLength = groupLength
            default: break
            }
        }

        /// Ends the number being read; a separator read after it is handled as punctuation.
        mutating func endNumber(at index: Index) {
            let trailing = pendingSeparator
            finishNumber(end: trailing != 0 ? separatorIndex : index)
            if trailing != 0 {
                pendingSeparator = 0
                ascii(trailing, at: separatorIndex)
            }
        }

        mutating func finishNumber(end: Index) {
            inNumber = false
            closeGroup()
            tokensInSentence += 1
            var kind = NumberKind.plain
            if groups >= 2 && separator == 0x3A && firstLength <= 2 && secondLength == 2 && firstValue <= 23 {
                kind = .time
            } else if groups >= 2 && (separator == 0x2E || separator == 0x2F) && firstLength <= 2
                && secondLength == 2 && (1...31).contains(firstValue) && (1...12).contains(secondValue)
                && (groups == 2 || thirdLength == 2 || thirdLength == 4)
            {
                kind = .date
            } else if groups == 3 && separator == 0x2D && firstLength == 4 && secondLength == 2 && thirdLength == 2 {
                kind = .date
            }
            var start = numberStart
            var fromOrderCue = false
            if let prefix = idPrefix {
                kind = .order
                start = prefix
            } else if kind == .plain && sinceOrderCue <= 3 && digits >= 3 {
                kind = .order
                fromOrderCue = true
            } else if let prefix = currencyPrefix {
                kind = .amount
                start = prefix
            } else if kind == .plain && monthJustBefore && groups == 1 && (1...31).contains(firstValue) {
                kind = .date
            } else if kind == .plain && groups == 1 && digits >= 6 {
                kind = .reference
            }
            idPrefix = nil
            currencyPrefix = nil
            monthJustBefore = false
            if kind == .order { sinceOrderCue = 99 }
            pending = PendingNumber(
                kind: kind, range: start..<end, value: firstValue, groups: groups, fromOrderCue: fromOrderCue)
        }

        mutating func commit(_ number: PendingNumber) {
            switch number.kind {
            case .plain: break
            case .order, .reference:
                orderNumbers += 1
                if firstOrder == nil { firstOrder = number.range }
            case .date, .time:
                datesAndTimes += 1
                if firstDate == nil { firstDate = number.range }
            case .amount:
                amounts += 1
                if firstAmount == nil { firstAmount = number.range }
            case .quantity:
                quantities += 1
                if firstQuantity == nil { firstQuantity = number.range }
            }
        }

        // MARK: - Punctuation and symbols

        @inline(__always)
        mutating func resetRuns() {
            bangRun = 0
            questionRun = 0
            mixedRun = 0
            parenRun = 0
        }

        /// Ends the word being read, if any.
        @inline(__always)
        mutating func breakWord(at index: Index) {
            if inWord { finishWord(end: index) }
        }

        @inline(__always)
        mutating func endSentence() {
            if tokensInSentence > 0 {
                sentences += 1
                tokensInSentence = 0
            }
            sinceNegation = 99
            sinceBoost = 99
        }

        mutating func ascii(_ value: UInt32, at index: Index) {
            breakWord(at: index)
            switch value {
            case 0x21:  // !
                bangs += 1
                bangRun += 1
                mixedRun += 1
                questionRun = 0
                longestBangRun = max(longestBangRun, bangRun)
                longestMixedRun = max(longestMixedRun, mixedRun)
                parenRun = 0
                endSentence()
                return
            case 0x3F:  // ?
                questionMarks += 1
                questionRun += 1
                mixedRun += 1
                bangRun = 0
                longestQuestionRun = max(longestQuestionRun, questionRun)
                longestMixedRun = max(longestMixedRun, mixedRun)
                parenRun = 0
                endSentence()
                return
            case 0x28, 0x29:  // ( )
                if parenRun > 0 && previous != value { parenRun = 0 }
                if parenRun == 0 { emoticonCounted = false }
                parenRun += 1
                let afterColon = parenRun == 1 && (previous == 0x3A || previous == 0x3B)
                if !emoticonCounted && (parenRun >= 2 || afterColon) {
                    emoticonCounted = true
                    emoticons += 1
                    sentiment += (value == 0x29 ? 1.5 : -1.5) * contrastWeight
                }
                bangRun = 0
                questionRun = 0
                mixedRun = 0
                return
            case 0x2E, 0x0A, 0x0D, 0x3B:  // . newline ;
                endSentence()
            case 0x2C, 0x3A:  // , :
                sinceNegation = 99
                sinceBoost = 99
            case 0x23:  // #
                idPrefix = index
                idPrefixWords = 0
            case 0x24:  // $
                currencySymbol(at: index)
            default:
                break
            }
            resetRuns()
        }

        mutating func nonASCII(_ value: UInt32, at index: Index) {
            switch value {
            case 0x2026:  // …
                breakWord(at: index)
                endSentence()
            case 0x2116:  // №
                breakWord(at: index)
                idPrefix = index
                idPrefixWords = 0
            case 0x20BD, 0x20AC, 0xA3, 0xA5:  // ₽ € £ ¥
                breakWord(at: index)
                currencySymbol(at: index)
            case 0x200D, 0xFE0F, 0x1F3FB...0x1F3FF:  // joiners, variation selectors, skin tones
                break
            case 0x1F000...0x1FAFF, 0x2600...0x27BF:
                breakWord(at: index)
                emoji += 1
                let mood = Self.emojiMood(value)
                if mood != 0 { sentiment += mood * contrastWeight }
                if mood <= -3 { angryEmoji += 1 }
                if value == 0x1F602 || value == 0x1F923 || value == 0x1F921 { laughter += 1 }
            default:
                if let properties = Unicode.Scalar(value)?.properties, properties.isAlphabetic {
                    let script: Script = value <= 0x24F ? .latin : .other
                    letter(0, cased: properties.isCased, upper: properties.isUppercase, script: script, at: index)
                    return
                }
                breakWord(at: index)
            }
            resetRuns()
        }

        /// A currency sign: the amount before it ("20$") when a number was just read, else the one after ("$20").
        mutating func currencySymbol(at index: Index) {
            if let number = pending, number.kind == .plain || number.kind == .reference || number.fromOrderCue {
                pending = nil
                amounts += 1
                if firstAmount == nil { amountAwaitingEnd = number.range.lowerBound }
                return
            }
            currencyPrefix = index
        }

        /// Sentiment of an emoji on the -4...4 scale: angry -3, sad or disapproving -2, happy or approving 2.
        static func emojiMood(_ value: UInt32) -> Double {
            switch value {
            case 0x1F620, 0x1F621, 0x1F92C, 0x1F624, 0x1F92F, 0x1F4A9, 0x1F92E: return -3
            case 0x1F44E, 0x1F62D, 0x1F622, 0x1F61E, 0x1F612, 0x1F644, 0x1F922, 0x1F631, 0x1F616, 0x1F62B,
                0x1F629, 0x1F623, 0x1F494, 0x1F615, 0x1F61F, 0x1F641, 0x2639:
                return -2
            case 0x1F600, 0x1F603, 0x1F604, 0x1F601, 0x1F60A, 0x1F642, 0x1F60D, 0x1F970, 0x1F618, 0x1F44D, 0x2764,
                0x1F495, 0x1F64F, 0x1F44F, 0x1F389, 0x1F609, 0x2728, 0x1F496, 0x1F49C, 0x1F499, 0x1F49A, 0x1F917,
                0x263A:
                return 2
            default: return 0
            }
        }
    }
}
