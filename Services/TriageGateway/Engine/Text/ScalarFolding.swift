import Foundation

/// Maps one Unicode scalar to one scalar: lowercase, without diacritics, full-width ASCII to ASCII,
/// typographic apostrophes to `'`, traditional Chinese characters to simplified ones (``HanFolding``,
/// so one lexicon pattern matches 帳單 and 账单). One-to-one, so offsets in folded text are offsets in the original.
enum ScalarFolding {
    /// Folding of U+0000…U+052F (Latin, Greek, Cyrillic) and U+1E00…U+1EFF (Latin Extended Additional).
    private static let lowTable: [UInt32] = buildTable(0..<0x530)
    private static let extendedTable: [UInt32] = buildTable(0x1E00..<0x1F00)
    /// Lowercase only (diacritics kept): the language detector needs them.
    private static let lowerTable: [UInt32] = buildLowerTable(0..<0x530)

    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x530 { return Unicode.Scalar(lowTable[Int(value)]) ?? scalar }
        if value >= 0x1E00 && value < 0x1F00 { return Unicode.Scalar(extendedTable[Int(value - 0x1E00)]) ?? scalar }
        if value >= 0xFF01 && value <= 0xFF5E { return fold(Unicode.Scalar(value - 0xFEE0) ?? scalar) }
        if (value >= 0x3400 && value < 0xA000) || (value >= 0xF900 && value < 0xFB00) { return HanFolding.table[value] ?? scalar }
        switch value {
        case 0x2018, 0x2019, 0x02BC, 0x2032, 0xFF07: return "'"
        case 0x201C, 0x201D, 0x201E, 0x00AB, 0x00BB: return "\""
        case 0x3000: return " "
        default: return scalar
        }
    }

    static func lower(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        if value < 0x530 { return Unicode.Scalar(lowerTable[Int(value)]) ?? scalar }
        if value >= 0x1E00 && value < 0x1F00, let lowered = singleLowercase(scalar) { return lowered }
        if value == 0x2019 { return "'" }
        return scalar
    }

    private static func singleLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let mapped = scalar.properties.lowercaseMapping.unicodeScalars
        return mapped.count == 1 ? mapped.first : nil
    }

    private static func buildLowerTable(_ range: Range<UInt32>) -> [UInt32] {
        range.map { value in
            guard let scalar = Unicode.Scalar(value) else { return value }
            return singleLowercase(scalar)?.value ?? value
        }
    }

    private static func buildTable(_ range: Range<UInt32>) -> [UInt32] {
        range.map { value in
            guard let scalar = Unicode.Scalar(value) else { return value }
            let lowered = singleLowercase(scalar) ?? scalar
            switch lowered.value {
            case 0x00F8: return 0x6F // ø
            case 0x0111: return 0x64 // đ
            case 0x0142: return 0x6C // ł
            case 0x0131: return 0x69 // dotless i
            case 0x2019: return 0x27
            default: break
            }
            let decomposed = String(lowered).decomposedStringWithCanonicalMapping.unicodeScalars
            if let base = decomposed.first, decomposed.count > 1,
               decomposed.dropFirst().allSatisfy({ $0.properties.generalCategory == .nonspacingMark }) {
                return base.value
            }
            return lowered.value
        }
    }
}
