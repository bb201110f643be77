import Foundation

/// BERT's text normalisation for the uncased model, as Hugging Face's `BertNormalizer` does it
/// (`clean_text`, `handle_chinese_chars`, accents stripped because `lowercase` is on).
///
/// Works on Unicode scalars, not Swift `Character`s: the tokenizer the model was trained with
/// counts code points, and a grapheme cluster (an emoji with a skin-tone modifier, a letter with a
/// combining mark) may become several tokens or lose some of its scalars.
enum BertNormalizer {
    /// The normalised scalars of `text`, in order.
    static func normalize(_ text: some Sequence<Unicode.Scalar>) -> [Unicode.Scalar] {
        // 1. Drop NUL, U+FFFD and control/format/private-use characters; every whitespace becomes ' '.
        // 2. Put spaces around CJK ideographs so that each becomes a word of its own.
        // (ASCII is lowercased here already: NFD leaves it alone, so the order does not matter.)
        var cleaned: [Unicode.Scalar] = []
        cleaned.reserveCapacity(text.underestimatedCount)
        var allASCII = true
        for scalar in text {
            if scalar.isASCII {
                let value = scalar.value
                if value == 0x09 || value == 0x0A || value == 0x0D || value == 0x20 {
                    cleaned.append(" ")
                } else if value > 0x20 && value != 0x7F {
                    cleaned.append(lowercasedASCII(scalar))
                }
                continue
            }
            allASCII = false
            if scalar.value == 0xFFFD || isControl(scalar) { continue }
            if isWhitespace(scalar) {
                cleaned.append(" ")
            } else if isCJKIdeograph(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        if allASCII { return cleaned }
        // 3. Strip accents: canonical decomposition, then drop the nonspacing marks.
        // 4. Lowercase each scalar with its full mapping (which may yield more than one scalar).
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(cleaned.count)
        for scalar in decomposed(cleaned) {
            if scalar.isASCII {
                result.append(lowercasedASCII(scalar))
            } else if category(of: scalar) == .nonspacingMark {
                continue
            } else if scalar.properties.changesWhenLowercased {
                result.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return result
    }

    /// Canonical decomposition (NFD), except for scalars newer than Unicode 8.0, which the reference
    /// tokenizer's normalisation tables do not know and therefore leaves as they are.
    private static func decomposed(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        var run = String.UnicodeScalarView()
        func flush() {
            guard !run.isEmpty else { return }
            result.append(contentsOf: String(run).decomposedStringWithCanonicalMapping.unicodeScalars)
            run = String.UnicodeScalarView()
        }
        for scalar in scalars {
            if !scalar.isASCII, isNewerThanUnicode8(scalar) {
                flush()
                result.append(scalar)
            } else {
                run.append(scalar)
            }
        }
        flush()
        return result
    }

    private static func isNewerThanUnicode8(_ scalar: Unicode.Scalar) -> Bool {
        guard let age = scalar.properties.age else { return false }
        return age.major > 8 || (age.major == 8 && age.minor > 0)
    }

    @inline(__always)
    private static func lowercasedASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        return value >= 0x41 && value <= 0x5A ? Unicode.Scalar(UInt8(value + 0x20)) : scalar
    }

    /// Tab, newline and carriage return count as whitespace, not as control characters.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20: true
        case ..<0x80: false  // 0x0B, 0x0C are whitespace too, but dropped as control characters first
        default: scalar.properties.isWhitespace
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\t", "\n", "\r": return false
        default:
            switch category(of: scalar) {
            case .control, .format, .privateUse, .surrogate: return true
            default: return false
            }
        }
    }

    /// The CJK Unified Ideographs blocks BERT treats as one token per character. Hiragana, katakana
    /// and Hangul are deliberately not included (BERT's own definition). The gap U+2B820–U+2B91F is
    /// not a mistake here: Hugging Face's implementation starts that range at U+2B920, and matching
    /// it is what makes the ids identical to the ones the model was used with.
    static func isCJKIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F,
             0x2B740...0x2B81F, 0x2B920...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            true
        default:
            false
        }
    }

    /// What BERT's pre-tokenizer splits off as a token of its own: all ASCII punctuation and symbols
    /// (`$`, `+`, `^`, … are symbols in Unicode but punctuation to BERT) and Unicode punctuation.
    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
        }
        switch category(of: scalar) {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    /// The general category as the reference tokenizer sees it.
    ///
    /// Hugging Face `tokenizers` classifies control, punctuation and mark characters with Unicode 8.0
    /// tables (found by comparing every code point with it), while Swift knows a newer Unicode. So a
    /// scalar assigned after 8.0 counts as unassigned, and the seven scalars whose category changed
    /// since then keep their 8.0 category. Otherwise a Unicode update would change token ids.
    static func category(of scalar: Unicode.Scalar) -> Unicode.GeneralCategory {
        switch scalar.value {
        case 0x166D, 0x111C9: return .otherPunctuation
        case 0x1734, 0x1171E: return .nonspacingMark
        case 0x1885, 0x1886: return .otherLetter
        case 0xA9BD: return .spacingMark
        default: break
        }
        return isNewerThanUnicode8(scalar) ? .unassigned : scalar.properties.generalCategory
    }
}
