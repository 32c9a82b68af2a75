/// One piece of evidence as the status rules see it: its stance and its origin
/// (the source it cites, else the source that gave it).
public struct EvidenceFacts: Sendable, Equatable {
    public var stance: Stance
    public var origin: SourceStanding
    /// Withdrawn (recorded by mistake): kept and shown, never counted.
    public var withdrawn: Bool

    public init(stance: Stance, origin: SourceStanding, withdrawn: Bool = false) {
        self.stance = stance
        self.origin = origin
        self.withdrawn = withdrawn
    }
}

/// What the rules conclude from a claim's evidence.
public struct Assessment: Sendable, Equatable {
    /// The derived (open) status.
    public var status: ClaimStatus
    /// S: distinct groups among independent supporting rows.
    public var independentGroups: Int
    /// Supporting rows that are not independent.
    public var echoes: Int
    /// K: distinct origin groups among contradicting rows, origins graded E left out.
    public var contradictingGroups: Int
    /// For each evidence row, in the order given: whether it is independent support.
    public var independent: [Bool]

    public var support: Support { Support(independent: independentGroups, echoes: echoes) }
}

/// The written rules of SPEC §2, as pure functions of a claim's evidence and its sources.
///
/// Nothing here reads the database, so every row of the rules' tables can be
/// tested directly, and `check` can re-run them on what is stored.
public enum StatusRules {
    /// Whether supporting evidence with this origin counts as independent of the claimant:
    /// the origin is in another group, and its reliability is not E.
    public static func isIndependent(origin: SourceStanding, claimant: SourceStanding) -> Bool {
        origin.group != claimant.group && origin.reliability != .E
    }

    /// Why an evidence row counts as it does (SPEC §2 "Why a row counts"): the words shown
    /// beside it wherever it is shown. `citing` is the source it repeats, if any.
    public static func reason(stance: Stance, origin: SourceStanding, citing: String?, claimant: SourceStanding, withdrawn: Bool = false) -> String {
        if withdrawn { return "withdrawn" }
        if origin.reliability == .E { return "not counted (reliability E)" }
        switch stance {
        case .contradicts:
            return "counts against"
        case .supports:
            guard origin.group == claimant.group else { return "independent" }
            let group = claimant.affiliation.trimmingSpaces.isEmpty ? claimant.handle : claimant.affiliation.trimmingSpaces
            if let citing { return "echo (cites \(citing), the claimant's group)" }
            return claimant.affiliation.trimmingSpaces.isEmpty ? "echo (the claimant itself: \(group))" : "echo (same group as the claimant: \(group))"
        }
    }

    /// Derives the open status of a claim from its evidence.
    public static func assess(claimant: SourceStanding, evidence: [EvidenceFacts]) -> Assessment {
        // A claim has a few rows: distinct groups kept in arrays (a Set hashed every row, 2% of a report).
        var supportingGroups: [SourceGroup] = []
        var contradictingGroups: [SourceGroup] = []
        var echoes = 0
        var independent: [Bool] = []
        independent.reserveCapacity(evidence.count)
        for row in evidence {
            guard !row.withdrawn else {
                independent.append(false)
                continue
            }
            switch row.stance {
            case .supports:
                let counts = isIndependent(origin: row.origin, claimant: claimant)
                independent.append(counts)
                if counts {
                    let group = row.origin.group
                    if !supportingGroups.contains(group) { supportingGroups.append(group) }
                } else {
                    echoes += 1
                }
            case .contradicts:
                independent.append(false)
                if row.origin.reliability != .E {
                    let group = row.origin.group
                    if !contradictingGroups.contains(group) { contradictingGroups.append(group) }
                }
            }
        }
        return Assessment(
            status: derivedStatus(independentGroups: supportingGroups.count, contradictingGroups: contradictingGroups.count),
            independentGroups: supportingGroups.count,
            echoes: echoes,
            contradictingGroups: contradictingGroups.count,
            independent: independent
        )
    }

    /// The table of SPEC §2: K contradicting groups and S independent supporting groups.
    public static func derivedStatus(independentGroups s: Int, contradictingGroups k: Int) -> ClaimStatus {
        switch (k, s) {
        case (0, 0): .unverified
        case (0, 1): .corroborated
        case (0, _): .confirmed
        case (_, 0): .contradicted
        default: .disputed
        }
    }

    /// The credibility digit of a status.
    ///
    /// A superseded claim keeps the digit it had, so it needs `previous`.
    public static func credibility(status: ClaimStatus, verdict: Verdict?, previous: Int) -> Int {
        switch status {
        case .confirmed: 1
        case .corroborated: 2
        case .disputed: 3
        case .contradicted: 5
        case .unverified: 6
        case .retracted: 5
        case .superseded: previous
        case .resolved:
            switch verdict {
            case .true: 1
            case .misleading: 4
            case .false: 5
            case .unproven, nil: 6
            }
        }
    }

    /// The grade of a claim: its claimant's reliability letter and the credibility digit.
    public static func grade(claimant: Reliability, status: ClaimStatus, verdict: Verdict?, previous: Grade?) -> Grade {
        Grade(reliability: claimant, credibility: credibility(status: status, verdict: verdict, previous: previous?.credibility ?? 6))
    }
}
