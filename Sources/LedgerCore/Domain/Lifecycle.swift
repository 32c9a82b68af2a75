/// A way a claim is closed or reopened.
public enum LifecycleAction: String, CaseIterable, Sendable, Codable {
    case retract, resolve, supersede, reopen

    /// The closed status this action leads to (nil for `reopen`).
    public var closedStatus: ClaimStatus? {
        switch self {
        case .retract: .retracted
        case .resolve: .resolved
        case .supersede: .superseded
        case .reopen: nil
        }
    }
}

/// What the rules need of one lifecycle change.
public struct LifecycleFacts: Sendable, Equatable {
    public var action: LifecycleAction
    public var verdict: Verdict?
    public var supersededBy: Int64?
    /// For `supersede`: the credibility digit the claim keeps.
    public var keptDigit: Int?

    public init(action: LifecycleAction, verdict: Verdict? = nil, supersededBy: Int64? = nil, keptDigit: Int? = nil) {
        self.action = action
        self.verdict = verdict
        self.supersededBy = supersededBy
        self.keptDigit = keptDigit
    }
}

/// One recorded lifecycle change, as `show` and reports present it.
public struct LifecycleEvent: Sendable, Equatable {
    public var number: Int64
    public var uuid: String
    public var action: LifecycleAction
    public var effective: LedgerDate
    public var source: String?
    public var url: String?
    public var reason: String?
    public var verdict: Verdict?
    public var supersededBy: Int64?
    public var keptDigit: Int?
    public var recordedAt: String
    public var recordedBy: String

    public var facts: LifecycleFacts {
        LifecycleFacts(action: action, verdict: verdict, supersededBy: supersededBy, keptDigit: keptDigit)
    }
}

/// A lifecycle change to record.
public struct LifecycleChange: Sendable {
    public var action: LifecycleAction
    public var date: LedgerDate?
    public var source: String?
    public var url: String?
    public var reason: String?
    public var verdict: Verdict?
    public var supersededBy: String?

    public static func retract(source: String? = nil, date: LedgerDate? = nil, url: String? = nil, reason: String? = nil) -> LifecycleChange {
        LifecycleChange(action: .retract, date: date, source: source, url: url, reason: reason)
    }

    /// `source` and `url`: the fact-checker whose verdict it is, and its article.
    public static func resolve(verdict: Verdict, reason: String, date: LedgerDate? = nil, source: String? = nil, url: String? = nil)
        -> LifecycleChange
    {
        LifecycleChange(action: .resolve, date: date, source: source, url: url, reason: reason, verdict: verdict)
    }

    public static func supersede(by other: String, reason: String? = nil, date: LedgerDate? = nil) -> LifecycleChange {
        LifecycleChange(action: .supersede, date: date, reason: reason, supersededBy: other)
    }

    public static func reopen(reason: String, date: LedgerDate? = nil) -> LifecycleChange {
        LifecycleChange(action: .reopen, date: date, reason: reason)
    }
}
