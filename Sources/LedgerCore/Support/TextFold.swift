/// Folds text for matching: case, diacritics and apostrophes ignored.
///
/// "Kupiansk", "kupiansk", "Kup'iansk" and "Kupʼjánsk"-style spellings differing only in
/// marks fold to the same text, so places and searches match the way analysts expect.
public enum TextFold {
    /// Apostrophe-like characters used in transliterations: ' ’ ʼ ʹ ` ´ ‘ ʻ.
    static let apostrophes: Set<UInt32> = [0x27, 0x2019, 0x02BC, 0x02B9, 0x60, 0xB4, 0x2018, 0x02BB]

    public static func fold(_ text: String) -> String {
        // Plain ASCII: lowercase and drop apostrophes and backticks, byte by byte.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count)
            for byte in text.utf8 where byte != 0x27 && byte != 0x60 {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if apostrophes.contains(scalar.value) { continue }
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            if let base = foldTable[scalar.value], let folded = Unicode.Scalar(base) {
                scalars.append(folded)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
