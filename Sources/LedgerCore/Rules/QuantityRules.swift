/// What the independent figures for a claim agree on.
public enum Agreement: Sendable, Equatable {
    /// No independent supporting evidence gave a figure.
    case noIndependentFigures
    /// The range all independent supporting figures allow.
    case agree(Quantity)
    /// The independent supporting figures share no value.
    case disagree
}

/// SPEC §4's comparisons of figures, as pure functions.
public enum QuantityRules {
    /// Why a supporting figure cannot be recorded against the claim's, or nil when it can.
    ///
    /// Incomparable figures are always refused; inconsistent ones unless forced (then flagged).
    public static func refusal(claim: Quantity, claimLabel: String, evidence: Quantity, source: String, stance: Stance, force: Bool) -> String? {
        guard evidence.isComparable(with: claim) else {
            return "\(source)'s figure '\(evidence.text)' measures \(evidence.dimension) and \(claimLabel)'s '\(claim.text)' measures \(claim.dimension); they cannot be compared, so nothing was changed. Give the figure in the claim's terms, or leave out --quantity."
        }
        guard stance == .supports, !force, !evidence.isConsistent(with: claim) else { return nil }
        return "\(source)'s figure '\(evidence.text)' (\(evidence.intervalText)) is inconsistent with \(claimLabel)'s '\(claim.text)' (\(claim.intervalText)), so nothing was changed. Record it with `ledger contradict \(claimLabel) …` instead, or add --force to record it as support, flagged."
    }

    /// Why a claim's new figure (`ledger edit`) cannot stand beside an evidence row's figure, or
    /// nil when it can: the mirror of `refusal`, for a correction of the claim's side.
    public static func refusal(
        newClaimFigure claim: Quantity, claimLabel: String, evidence label: String, source: String, figure: Quantity, stance: Stance, force: Bool
    ) -> String? {
        guard figure.isComparable(with: claim) else {
            return "\(label) (\(source)) gives '\(figure.text)', which measures \(figure.dimension), and the new figure '\(claim.text)' measures \(claim.dimension); they cannot be compared, so nothing was changed. Give the figure in the evidence's terms, or correct \(label) first."
        }
        guard stance == .supports, !force, !figure.isConsistent(with: claim) else { return nil }
        return "\(label) (\(source)) supports \(claimLabel) with '\(figure.text)' (\(figure.intervalText)), which is inconsistent with the new figure '\(claim.text)' (\(claim.intervalText)), so nothing was changed. Correct or withdraw \(label) first, or add --force to keep it as support, flagged."
    }

    /// Whether a supporting figure was recorded despite being inconsistent with the claim's.
    public static func isForcedInconsistency(claim: Quantity?, evidence: Quantity?, stance: Stance) -> Bool {
        guard stance == .supports, let claim, let evidence else { return false }
        return evidence.isComparable(with: claim) && !evidence.isConsistent(with: claim)
    }

    /// The intersection of the independent supporting figures.
    public static func agreement(of figures: [Quantity]) -> Agreement {
        guard var range = figures.first else { return .noIndependentFigures }
        for figure in figures.dropFirst() {
            guard let next = range.intersection(with: figure) else { return .disagree }
            range = next
        }
        range.text = range.intervalText
        return .agree(range)
    }
}
