using Microsoft.AspNetCore.Identity;
using Procurement.Data;
using Procurement.Data.Identity;
using Procurement.Data.Seeding;
using Procurement.Domain.Procurements;
using Procurement.Domain.Requirements;
using Procurement.Web.Features.Participation;
using Procurement.Web.Features.Procurements;
using Procurement.Web.Features.Specification;
using Procurement.Web.Features.StandardLinks;
using Procurement.Web.Features.Submissions;

namespace Procurement.Web.Infrastructure.Demo;

/// <summary>What the demo seeding made, for the start-up message.</summary>
public sealed record DemoProcurementSummary(Guid Id, string Reference, int Participants, int Requirements, int Submissions);

/// <summary>
/// The demo procurement DEMO-1: a dynamic purchasing system in its collection phase, 200 municipalities that
/// joined (Uppsala, the demo representative's, among them), 150 requirements and many needs in the
/// municipalities' own words. It is written through the feature stores, so it is exactly what the app would
/// have saved, journal included. Deterministic: the same count gives the same data. Runs once; a database that
/// has DEMO-1 is left alone.
/// </summary>
public sealed class DemoProcurementSeeder(
    DbSession session,
    UserManager<AppUser> users,
    ProcurementStore procurements,
    ParticipationStore participation,
    RequirementStore requirements,
    SupportStore supports,
    CommentStore comments,
    SubmissionStore submissions,
    StandardLinkStore standardLinks,
    TimeProvider clock)
{
    public const int DefaultSubmissions = 2000;
    public const int JoinedMunicipalities = 200;
    private const string Reason = "Demodata";

    /// <summary>The standards a digital booking and grants service for municipalities is checked against.</summary>
    public static readonly IReadOnlyList<string> ApplicableStandards =
        ["DIGG-EID", "EU-EIDAS", "DOS-WCAG", "EU-GDPR", "SKR-KLASSA", "ISO-27001", "DIGG-RAMVERK", "INERA-IDP", "DIGG-ENA", "OCDS"];

    /// <summary>The line printed after seeding.</summary>
    public static string Report(DemoProcurementSummary? summary) => summary is null
        ? "Demoupphandlingen DEMO-1 finns redan och lämnades orörd."
        : $"Demoupphandlingen {summary.Reference} skapades: {summary.Participants} anslutna kommuner och regioner, " +
          $"{summary.Requirements} krav och {summary.Submissions} behov.";

    public async Task<DemoProcurementSummary?> SeedAsync(int submissionCount = DefaultSubmissions, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(submissionCount);
        var content = DemoContent.Load();
        if (await procurements.ReferenceTakenAsync(content.Procurement.Reference, null, cancellationToken))
        {
            return null;
        }

        var officer = await users.FindByEmailAsync(DemoSeeder.Accounts.Single(a => a.Role == Domain.Identity.Roles.ProcurementOfficer).Email)
            ?? throw new InvalidOperationException("Demokontona saknas: skapa dem före demoupphandlingen.");
        var representative = await users.FindByEmailAsync(DemoSeeder.Accounts.Single(a => a.Role == Domain.Identity.Roles.MunicipalityRepresentative).Email)
            ?? throw new InvalidOperationException("Demokontona saknas: skapa dem före demoupphandlingen.");

        return await session.WriteAsync(async () =>
        {
            var random = new Random(42);
            var id = await procurements.CreateAsync(ProcurementData(content.Procurement), officer.OrganisationId, officer.Id, cancellationToken);
            var categories = (await procurements.CategoriesAsync(id, cancellationToken)).ToDictionary(c => c.Number, c => c.Id);
            var joined = await InviteAsync(id, representative.OrganisationId, officer.Id, random, cancellationToken);
            var requirementIds = await AddRequirementsAsync(id, content.Requirements, categories, officer.Id, cancellationToken);
            // The officer's decisions are left to the officer: the suggestions wait on the page "Länkförslag".
            await standardLinks.DeclareAsync(id, ApplicableStandards, expectedVersion: null, officer.Id, cancellationToken);
            await standardLinks.SuggestAsync(id, officer.Id, requirementId: null, cancellationToken);
            await AddSupportAndDiscussionAsync(id, requirementIds, joined, officer, representative, random, cancellationToken);
            await submissions.InsertManyAsync(id, Needs(content.Needs, submissionCount, joined, categories, random), _ => { }, cancellationToken);
            return new DemoProcurementSummary(id, content.Procurement.Reference, joined.Count, requirementIds.Count, submissionCount);
        }, cancellationToken);
    }

    private ProcurementData ProcurementData(DemoProcurement p)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = today.AddDays(-21);
        var plan = new List<PhasePlanData>();
        var phaseStart = start;
        foreach (var (phase, weeks) in new[]
                 {
                     (ProcurementPhase.Collection, 6), (ProcurementPhase.Compilation, 4), (ProcurementPhase.Prioritisation, 3),
                     (ProcurementPhase.Review, 2), (ProcurementPhase.Published, 1),
                 })
        {
            var end = phaseStart.AddDays(7 * weeks - 1);
            plan.Add(new PhasePlanData(phase, phaseStart, end));
            phaseStart = end.AddDays(1);
        }

        var validFrom = phaseStart.AddDays(14);
        return new ProcurementData(p.Reference, p.Title, p.Description, p.CpvCodes, validFrom, validFrom.AddYears(p.ValidityYears).AddDays(-1),
            p.Categories.Select(c => new CategoryData(c.Number, c.Name, c.Description)).ToList(), plan);
    }

    /// <summary>Invites municipalities and a few regions; most answer yes, some no, some not yet. Returns those that joined.</summary>
    private async Task<IReadOnlyList<Guid>> InviteAsync(Guid id, Guid representativeOrganisation, Guid officerId, Random random, CancellationToken cancellationToken)
    {
        var municipalities = (await session.QueryAsync<Guid>(
            "SELECT id FROM organisations WHERE kind = 'Municipality' ORDER BY municipality_code", cancellationToken: cancellationToken)).ToArray();
        var regions = (await session.QueryAsync<Guid>(
            "SELECT id FROM organisations WHERE kind = 'Region' ORDER BY region_county_code", cancellationToken: cancellationToken)).ToArray();
        random.Shuffle(municipalities);
        random.Shuffle(regions);

        var others = municipalities.Where(m => m != representativeOrganisation).ToList();
        var joined = others.Take(JoinedMunicipalities - 1).Prepend(representativeOrganisation).Concat(regions.Take(3)).ToList();
        var declined = others.Skip(JoinedMunicipalities - 1).Take(10).ToList();
        var pending = others.Skip(JoinedMunicipalities + 9).Take(15).Concat(regions.Skip(3).Take(4)).ToList();

        await participation.InviteAsync(id, [.. joined, .. declined, .. pending], officerId, cancellationToken);
        foreach (var organisation in joined)
        {
            await participation.RespondAsync(id, organisation, ParticipationStatus.Joined, null, cancellationToken);
        }

        foreach (var organisation in declined)
        {
            await participation.RespondAsync(id, organisation, ParticipationStatus.Declined, null, cancellationToken);
        }

        return joined;
    }

    private async Task<IReadOnlyList<(Guid Id, SpecificationSection Section)>> AddRequirementsAsync(Guid id, IReadOnlyList<DemoRequirement> items,
        Dictionary<int, Guid> categories, Guid officerId, CancellationToken cancellationToken)
    {
        var created = new List<(Guid, SpecificationSection)>();
        foreach (var r in items)
        {
            var section = Enum.Parse<SpecificationSection>(r.Section);
            if (!RequirementKinds.TryParse(r.Kind, out var kind))
            {
                throw new InvalidOperationException($"Okänd kravtyp i demodata: {r.Kind}");
            }

            // The administrative provisions and qualification requirements are settled early; the rest is still being drafted.
            var status = section is SpecificationSection.AdministrativeProvisions or SpecificationSection.Qualification
                ? RequirementStatus.Approved
                : RequirementStatus.Draft;
            var data = new RequirementData(section, r.Category is { } n ? categories[n] : null, r.Category, kind, r.Title, r.Text, r.Motiv, r.Verifikat, status);
            created.Add((await requirements.CreateAsync(id, data, officerId, Reason, cancellationToken), section));
        }

        return created;
    }

    /// <summary>Municipalities back the specification's requirements, and a few discuss one of them.</summary>
    private async Task AddSupportAndDiscussionAsync(Guid id, IReadOnlyList<(Guid Id, SpecificationSection Section)> requirementIds, IReadOnlyList<Guid> joined,
        AppUser officer, AppUser representative, Random random, CancellationToken cancellationToken)
    {
        foreach (var (requirementId, _) in requirementIds.Where(r => r.Section == SpecificationSection.Specification))
        {
            var supporters = random.GetItems(joined.ToArray(), random.Next(0, 40)).Distinct();
            foreach (var organisation in supporters)
            {
                await supports.AddAsync(id, new SupportTarget(requirementId, null), organisation, null, null, cancellationToken);
            }
        }

        var discussed = requirementIds.First(r => r.Section == SpecificationSection.Specification).Id;
        await comments.AddAsync(id, discussed, null,
            "Gäller kravet även bokning av skolornas lokaler efter skoltid? Hos oss bokas de i samma system.",
            representative.OrganisationId, representative.Id, cancellationToken);
        var question = (await comments.ForRequirementAsync(discussed, cancellationToken)).Single().Id;
        await comments.AddAsync(id, discussed, question,
            "Ja, kravet omfattar alla lokaler som kommunen hyr ut, även skolornas. Vi förtydligar texten i nästa version.",
            officer.OrganisationId, officer.Id, cancellationToken);
    }

    /// <summary>
    /// The needs: each theme is drawn as often as its weight says, by a municipality that joined, in one of the
    /// theme's phrasings. Many send the kind and category along; some do not know.
    /// </summary>
    private List<NewSubmission> Needs(IReadOnlyList<DemoNeedTheme> themes, int count, IReadOnlyList<Guid> joined,
        Dictionary<int, Guid> categories, Random random)
    {
        var totalWeight = themes.Sum(t => t.Weight);
        var now = clock.GetUtcNow();
        var needs = new List<NewSubmission>(count);
        for (var i = 0; i < count; i++)
        {
            var pick = random.Next(totalWeight);
            var theme = themes.SkipWhile(t => (pick -= t.Weight) >= 0).First();
            RequirementKind? kind = random.Next(10) < 7 && RequirementKinds.TryParse(theme.Kind, out var k) ? k : null;
            var motiv = random.Next(10) < 5 ? theme.Motivations[random.Next(theme.Motivations.Count)] : null;
            Guid? category = random.Next(10) < 8 ? categories[theme.Category] : null;
            // Larger municipalities send more: the first joined organisations in the shuffled list are drawn more often.
            var organisation = joined[(int)(joined.Count * Math.Pow(random.NextDouble(), 1.6))];
            var createdAt = now.AddMinutes(-random.Next(1, 21 * 24 * 60));
            needs.Add(new NewSubmission(organisation, null,
                new SubmissionData(theme.Phrasings[random.Next(theme.Phrasings.Count)], kind, motiv, category), "Seed", null, createdAt));
        }

        return needs;
    }
}
