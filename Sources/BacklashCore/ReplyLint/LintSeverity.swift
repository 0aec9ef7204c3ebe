/// How serious a reply-linter finding is: whether the reply may be posted as it is.
///
/// Policy: the mistakes that started storms in the seeds *block* a reply — legalese (the formal
/// "Согласно пользовательскому соглашению…" reply that turned seed 003 into a flashmob), blaming the
/// customer, canned scripts (the robot replies of seed 000) and a gesture without attention ("here is
/// a coupon, goodbye", seed 003). Everything else (company-centric phrasing, emotion, a missing
/// greeting, name, thanks, apology or next step, …) *warns*: the reply is weaker, but posting it does
/// not by itself start a storm. `backlashctl lint-reply` exits 1 when any finding blocks.
public enum LintSeverity: String, Sendable, Codable {
    /// The reply must not be posted as it is (unless a manager forces it with a reason).
    case block
    /// The reply can be posted, but it misses a step of a good reply.
    case warn
}
