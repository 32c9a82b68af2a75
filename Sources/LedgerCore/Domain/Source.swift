/// What kind of body a source is.
public enum SourceKind: String, CaseIterable, Sendable, Codable {
    case government, military, media, ngo, osint, social, individual, other
}

/// NATO Admiralty reliability grade of a source.
///
/// The letter is the first half of every claim's grade; `E` sources are never
/// counted as independent support or as a contradiction.
public enum Reliability: String, CaseIterable, Sendable, Comparable, Codable {
    case A, B, C, D, E, F

    public var meaning: String {
        switch self {
        case .A: "completely reliable"
        case .B: "usually reliable"
        case .C: "fairly reliable"
        case .D: "not usually reliable"
        case .E: "unreliable"
        case .F: "reliability cannot be judged"
        }
    }

    public static func < (lhs: Reliability, rhs: Reliability) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A source's short unique slug: `[a-z0-9][a-z0-9-]*`, at most 64 characters.
public enum Handle {
    public static let maximumLength = 64

    public static func isValid(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let first = bytes.first, bytes.count <= maximumLength else { return false }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        return isAlphanumeric(first) && bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }
}

/// Anyone who asserts or publishes something.
public struct Source: Sendable, Equatable {
    public var uuid: String
    public var handle: String
    public var name: String
    public var kind: SourceKind
    /// The side or group; empty when the source stands alone.
    public var affiliation: String
    public var reliability: Reliability
    public var url: String?
    public var note: String?
    public var recordedAt: String
    public var recordedBy: String

    public var standing: SourceStanding {
        SourceStanding(handle: handle, affiliation: affiliation, reliability: reliability)
    }
}

/// What the status rules need to know about a source: who it is, its side, its grade.
public struct SourceStanding: Sendable, Equatable, Hashable {
    public var handle: String
    public var affiliation: String
    public var reliability: Reliability

    public init(handle: String, affiliation: String = "", reliability: Reliability = .F) {
        self.handle = handle
        self.affiliation = affiliation
        self.reliability = reliability
    }

    /// The group independence is judged on: the affiliation (case and surrounding
    /// spaces ignored), or the handle itself when the source has no affiliation.
    public var group: SourceGroup {
        let side = affiliation.trimmingSpaces.lowercased()
        return side.isEmpty ? .alone(handle) : .side(side)
    }
}

/// A group of sources that do not corroborate one another.
public enum SourceGroup: Sendable, Hashable {
    case side(String)
    case alone(String)
}

/// The fields a new source is created with.
public struct NewSource: Sendable {
    public var handle: String
    public var name: String
    public var kind: SourceKind
    public var affiliation: String
    public var reliability: Reliability
    public var url: String?
    public var note: String?

    public init(
        handle: String, name: String, kind: SourceKind = .other, affiliation: String = "",
        reliability: Reliability = .F, url: String? = nil, note: String? = nil
    ) {
        self.handle = handle
        self.name = name
        self.kind = kind
        self.affiliation = affiliation
        self.reliability = reliability
        self.url = url
        self.note = note
    }
}

/// Changes to a source; nil leaves a field as it is, an empty string clears an optional one.
public struct SourceChanges: Sendable {
    public var name: String?
    public var kind: SourceKind?
    public var affiliation: String?
    public var reliability: Reliability?
    public var url: String?
    public var note: String?

    public init(
        name: String? = nil, kind: SourceKind? = nil, affiliation: String? = nil,
        reliability: Reliability? = nil, url: String? = nil, note: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.affiliation = affiliation
        self.reliability = reliability
        self.url = url
        self.note = note
    }

    public var isEmpty: Bool {
        name == nil && kind == nil && affiliation == nil && reliability == nil && url == nil && note == nil
    }
}
