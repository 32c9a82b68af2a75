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
    /// Why an evidence figure cannot be recorded against the claim's, or nil when it can.
    ///
    /// Incomparable figures are always refused. A supporting figure inconsistent with the
    /// claim's, or a contradicting one consistent with it (it does not contradict the number),
    /// is refused unless forced (then flagged).
    /// `forcing` says how to record it anyway (a CSV import has no --force: the row is recorded
    /// with the command instead).
    public static func refusal(
        claim: Quantity, claimLabel: String, evidence: Quantity, source: String, stance: Stance, force: Bool, forcing: String = "add --force"
    ) -> String? {
        guard evidence.isComparable(with: claim) else {
            return "\(source)'s figure '\(evidence.text)' measures \(evidence.dimension) and \(claimLabel)'s '\(claim.text)' measures \(claim.dimension); they cannot be compared, so nothing was changed. Give the figure in the claim's terms, or leave out --quantity."
        }
        guard !force, breaksFigureRule(claim: claim, evidence: evidence, stance: stance) else { return nil }
        if stance == .contradicts {
            return "\(source)'s figure '\(evidence.text)' (\(evidence.intervalText)) is consistent with \(claimLabel)'s '\(claim.text)' (\(claim.intervalText)), so it does not contradict the number and nothing was changed. Record it with `ledger corroborate \(claimLabel) …` if it bears the figure out, or \(forcing) to record it as a contradiction of something else, flagged."
        }
        return "\(source)'s figure '\(evidence.text)' (\(evidence.intervalText)) is inconsistent with \(claimLabel)'s '\(claim.text)' (\(claim.intervalText)), so nothing was changed. Record it with `ledger contradict \(claimLabel) …` instead, or \(forcing) to record it as support, flagged."
    }

    /// Why a claim's new figure (`ledger edit`) cannot stand beside an evidence row's figure, or
    /// nil when it can: the mirror of `refusal`, for a correction of the claim's side.
    public static func refusal(
        newClaimFigure claim: Quantity, claimLabel: String, evidence label: String, source: String, figure: Quantity, stance: Stance, force: Bool
    ) -> String? {
        guard figure.isComparable(with: claim) else {
            return "\(label) (\(source)) gives '\(figure.text)', which measures \(figure.dimension), and the new figure '\(claim.text)' measures \(claim.dimension); they cannot be compared, so nothing was changed. Give the figure in the evidence's terms, or correct \(label) first."
        }
        guard !force, breaksFigureRule(claim: claim, evidence: figure, stance: stance) else { return nil }
        if stance == .contradicts {
            return "\(label) (\(source)) contradicts \(claimLabel) with '\(figure.text)' (\(figure.intervalText)), which is consistent with the new figure '\(claim.text)' (\(claim.intervalText)), so nothing was changed. Correct or withdraw \(label) first, or add --force to keep it as a contradiction, flagged."
        }
        return "\(label) (\(source)) supports \(claimLabel) with '\(figure.text)' (\(figure.intervalText)), which is inconsistent with the new figure '\(claim.text)' (\(claim.intervalText)), so nothing was changed. Correct or withdraw \(label) first, or add --force to keep it as support, flagged."
    }

    /// Whether an evidence figure breaks SPEC §4's rule for its stance, so that only `--force`
    /// records it (and flags it): a supporting figure inconsistent with the claim's, or a
    /// contradicting one consistent with it.
    public static func breaksFigureRule(claim: Quantity?, evidence: Quantity?, stance: Stance) -> Bool {
        guard let claim, let evidence, evidence.isComparable(with: claim) else { return false }
        return evidence.isConsistent(with: claim) == (stance == .contradicts)
    }

    /// A contradicting figure consistent with the claim's, recorded unflagged: only an earlier
    /// version (before contradictions were held to the figure) wrote one. It keeps counting as
    /// recorded; `check` names it and `ledger refigure` flags it.
    public static func isUnflaggedAgreeingContradiction(claim: Quantity?, evidence: Quantity?, stance: Stance, forced: Bool) -> Bool {
        stance == .contradicts && !forced && breaksFigureRule(claim: claim, evidence: evidence, stance: stance)
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
