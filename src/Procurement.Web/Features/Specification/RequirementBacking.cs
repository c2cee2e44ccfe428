namespace Procurement.Web.Features.Specification;

/// <summary>
/// How many organisations stand behind a requirement, each counted once: those who support it directly, those
/// whose needs were merged into it and those who supported those needs. One SQL fragment, so the specification,
/// the triage list and its "by support" order all count the same way.
/// </summary>
public static class RequirementBacking
{
    /// <summary>A scalar subquery over the requirement aliased <c>r</c>.</summary>
    public const string CountSql =
        """
        (SELECT COUNT(*) FROM (
           SELECT s.organisation_id FROM supports s WHERE s.requirement_id = r.id
           UNION SELECT n.organisation_id FROM merges mg JOIN merge_members mm ON mm.merge_id = mg.id AND mm.removed_at IS NULL
             JOIN submissions n ON n.id = mm.submission_id WHERE mg.requirement_id = r.id
           UNION SELECT x.organisation_id FROM merges mg JOIN merge_members mm ON mm.merge_id = mg.id AND mm.removed_at IS NULL
             JOIN supports x ON x.submission_id = mm.submission_id WHERE mg.requirement_id = r.id) backers)
        """;
}
