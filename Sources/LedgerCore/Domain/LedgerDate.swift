#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An effective date: a day (`2022-09-10`) or a moment (`2022-09-10T14:30:00Z`).
///
/// Moments are kept in UTC and written in one sortable form, so that comparing
/// the text compares the time, both in Swift and in SQL. A day sorts before any
/// moment of that day, and counts as "on or before" that day's end.
public struct LedgerDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The normalized text: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SSZ`.
    public let text: String

    public var description: String { text }
    /// Whether this is a whole day rather than a moment.
    public var isDay: Bool { text.utf8.count == 10 }
    /// The day part, `YYYY-MM-DD`.
    public var day: String { String(text.prefix(10)) }

    public static func < (lhs: LedgerDate, rhs: LedgerDate) -> Bool { lhs.text < rhs.text }

    /// The text every date "on or before" this one is less than or equal to.
    ///
    /// For a day that is the end of that day, so `--as-of 2022-09-10` includes a
    /// moment at 18:00 that day.
    public var inclusiveUpperBound: String { isDay ? text + "T99" : text }

    /// Parses ISO 8601: `2022-09-10`, `2022-09-10T14:30`, `2022-09-10T14:30:05Z`,
    /// `2022-09-10T14:30:05.250+03:00`. A moment without a zone is taken as UTC.
    /// Returns nil for anything else, including impossible dates such as `2022-02-30`.
    public init?(_ input: String) {
        let bytes = Array(input.trimmingSpaces.utf8)
        var index = 0

        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<(index + count)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }
        func expect(_ character: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == character else { return false }
            index += 1
            return true
        }

        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
            let day = digits(2), year >= 1, (1...12).contains(month), (1...LedgerDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        if index == bytes.count {
            text = LedgerDate.format(year: year, month: month, day: day)
            return
        }
        guard index < bytes.count, [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[index]) else { return nil }
        index += 1
        guard let hour = digits(2), hour < 24, expect(UInt8(ascii: ":")), let minute = digits(2), minute < 60 else { return nil }
        var second = 0
        if expect(UInt8(ascii: ":")) {
            guard let value = digits(2), value < 60 else { return nil }
            second = value
            if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                let start = index
                while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
                guard index > start else { return nil }
            }
        }
        var offsetMinutes = 0
        if index < bytes.count {
            if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) {
            } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let offsetHours = digits(2), offsetHours <= 14 else { return nil }
                _ = expect(UInt8(ascii: ":"))
                guard let offsetMins = digits(2), offsetMins < 60 else { return nil }
                offsetMinutes = sign * (offsetHours * 60 + offsetMins)
            } else {
                return nil
            }
        }
        guard index == bytes.count else { return nil }
        let localSeconds = LedgerDate.daysFromCivil(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
        let utc = localSeconds - offsetMinutes * 60
        // Kept in UTC, the moment must still have a four-digit year (0001–9999).
        guard utc >= LedgerDate.daysFromCivil(year: 1, month: 1, day: 1) * 86_400,
            utc < LedgerDate.daysFromCivil(year: 10_000, month: 1, day: 1) * 86_400
        else { return nil }
        text = LedgerDate.timestamp(secondsSinceEpoch: utc)
    }

    private init(normalized: String) { text = normalized }

    /// Wraps text that is already in normalized form without checking it.
    static func unchecked(_ text: String) -> LedgerDate { LedgerDate(normalized: text) }

    /// Today's date in the user's time zone.
    public static func today() -> LedgerDate {
        var now = time_t(Clock.now())
        var parts = tm()
        localtime_r(&now, &parts)
        return LedgerDate(normalized: format(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday)))
    }

    /// The current moment in UTC, as the log records it.
    public static func nowTimestamp() -> String {
        timestamp(secondsSinceEpoch: Clock.now())
    }

    /// Seconds since 1970 of a stored moment (`YYYY-MM-DDTHH:MM:SSZ`), or nil for a day.
    var secondsSinceEpoch: Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 20 else { return nil }
        func number(_ start: Int, _ count: Int) -> Int {
            bytes[start..<(start + count)].reduce(0) { $0 * 10 + Int($1) - 48 }
        }
        return LedgerDate.daysFromCivil(year: number(0, 4), month: number(5, 2), day: number(8, 2)) * 86_400 + number(11, 2) * 3600
            + number(14, 2) * 60 + number(17, 2)
    }

    static func timestamp(secondsSinceEpoch seconds: Int) -> String {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        return format(year: year, month: month, day: day) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay % 3600 / 60, 2) + ":" + pad(secondOfDay % 60, 2) + "Z"
    }

    static func format(year: Int, month: Int, day: Int) -> String {
        pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// An example shown when a date is refused.
    public static let example = "2022-09-10 or 2022-09-10T14:30:00Z"
}
