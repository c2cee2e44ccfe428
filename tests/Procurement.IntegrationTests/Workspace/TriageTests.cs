using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.Extensions.DependencyInjection;
using Procurement.Data;
using Procurement.Domain.Identity;
using Procurement.Domain.Procurements;
using Procurement.Domain.Requirements;
using Procurement.Testing;
using Procurement.Web.Features.Participation;
using Procurement.Web.Features.Specification;
using Procurement.Web.Features.Submissions;
using Procurement.Web.Features.Triage;
using static Procurement.IntegrationTests.Workspace.NeedsSteps;

namespace Procurement.IntegrationTests.Workspace;

/// <summary>The officer's sorting list: filters, Swedish full-text search, sorting and paging over needs and requirements.</summary>
public sealed class TriageTests(ProcurementWebFactory app) : IClassFixture<ProcurementWebFactory>
{
    // The needs of the procurement Seeded() makes, oldest first (minutes before now = 20 - index).
    private static readonly Need[] Needs =
    [
        new("0380", "Bokning av idrottshallar ska kunna göras i mobilen.", RequirementKind.Ska, 1, null),
        new("0380", "Föreningar söker bidrag digitalt med BankID.", RequirementKind.Bor, 2, "Pappersansökningar tar lång tid att handlägga."),
        new("0180", "Systemet ska visa lediga tider för möteslokaler.", RequirementKind.Ska, 1, null),
        new("1480", "Återbetalning av bidrag ska hanteras i systemet.", RequirementKind.Kv, 2, null),
        new("1480", "Leverantören ska ha kollektivavtal.", RequirementKind.Kval, null, null),
        new("2321", "Skidspår och motionsslingor ska kunna bokas för tävlingar.", null, 1, null),
        new("1292", "Statistik över uthyrda timmar per anläggning.", RequirementKind.Bor, 1, null),
        new("1880", "Fakturor ska kunna skickas som e-faktura.", RequirementKind.Kv, 2, "Krav enligt lagen om elektroniska fakturor."),
    ];

    private const string WithdrawnText = "Gammalt behov om bokning som har återkallats.";

    [Fact]
    public async Task Each_filter_narrows_the_list_of_needs()
    {
        var (officer, id) = await SeededAsync();
        var uppsala = await MunicipalityAsync(app, "0380");

        Assert.Equal(Set(1, 2, 3, 4, 5, 6, 7, 8), await ListAsync(officer, id, ""));
        Assert.Equal(Set(1, 2), await ListAsync(officer, id, $"org={uppsala}"));
        Assert.Equal(Set(4, 5), await ListAsync(officer, id, "lan=14"));
        Assert.Equal(Set(1, 2), await ListAsync(officer, id, "lan=03"));
        Assert.Equal(Set(1, 3), await ListAsync(officer, id, "typ=Ska"));
        Assert.Equal(Set(4, 8), await ListAsync(officer, id, "typ=Kv"));
        Assert.Equal(Set(2, 4, 8), await ListAsync(officer, id, "kategori=2"));
        Assert.Equal(Set(1, 3, 6, 7), await ListAsync(officer, id, "kategori=1"));
        Assert.Equal([WithdrawnText], await ListAsync(officer, id, "status=Withdrawn"));
        Assert.Equal(Set(3), await ListAsync(officer, id, "typ=Ska&lan=01"));
        Assert.Equal(Set(1, 6), await ListAsync(officer, id, "kategori=1&sok=bok"));
        Assert.Empty(await ListAsync(officer, id, "typ=Kval&kategori=1"));

        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering?vy=behov&typ=Kv");
        Assert.Contains("2 träffar. Sida 1 av 1.", MainText(page), StringComparison.Ordinal);
        Assert.Equal("Kv", page.QuerySelector("select#typ option[selected]")!.GetAttribute("value"));
        // The organisation filter offers those that sent needs, in Swedish order.
        Assert.Equal(["Göteborg", "Stockholm", "Uppsala", "Åre", "Ängelholm", "Örebro"],
            page.QuerySelectorAll("select#org option").Skip(1).Select(o => o.TextContent.Trim()));
    }

    [Fact]
    public async Task Full_text_search_handles_Swedish_prefixes_case_and_letters()
    {
        var (officer, id) = await SeededAsync();

        Assert.Equal(Set(1), await ListAsync(officer, id, "sok=bokn")); // prefix of "Bokning", not of "bokas"
        Assert.Equal(Set(1, 6), await ListAsync(officer, id, "sok=bok"));
        Assert.Equal(Set(1), await ListAsync(officer, id, "sok=BOKNING"));
        Assert.Equal(Set(3), await ListAsync(officer, id, "sok=möte"));
        Assert.Equal(Set(3), await ListAsync(officer, id, "sok=MÖTESLOKALER"));
        Assert.Empty(await ListAsync(officer, id, "sok=mote")); // ö is a letter of its own, not an o
        Assert.Equal(Set(3), await ListAsync(officer, id, "sok=" + Uri.EscapeDataString("mo\u0308te"))); // "möte" typed as o + combining diaeresis
        Assert.Equal(Set(4), await ListAsync(officer, id, "sok=%C3%85terbet")); // "Återbet"
        Assert.Empty(await ListAsync(officer, id, "sok=aterbet"));
        Assert.Equal(Set(2, 4), await ListAsync(officer, id, "sok=bidrag"));
        Assert.Equal(Set(2), await ListAsync(officer, id, "sok=bidrag+digitalt")); // every word must match
        Assert.Equal(Set(2), await ListAsync(officer, id, "sok=pappersans%C3%B6kningar")); // the motiv is searched too
        Assert.Equal(Set(8), await ListAsync(officer, id, "sok=elektroniska+e-faktura"));
        Assert.Equal([WithdrawnText], await ListAsync(officer, id, "sok=bokning&status=Withdrawn"));

        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering?sok=m%C3%B6te");
        Assert.Equal("möte", page.QuerySelector("input#sok")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Sorting_options_change_the_order()
    {
        var (officer, id) = await SeededAsync();

        Assert.Equal(Texts(8, 7, 6, 5, 4, 3, 2, 1), await ListAsync(officer, id, "", ordered: true));
        Assert.Equal(Texts(8, 7, 6, 5, 4, 3, 2, 1), await ListAsync(officer, id, "sortera=nyast", ordered: true));
        Assert.Equal(Texts(1, 2, 3, 4, 5, 6, 7, 8), await ListAsync(officer, id, "sortera=aldst", ordered: true));
        // Swedish alphabetical order: Å before Ä before Ö, all after Z (an ordinal sort would put Ä first).
        Assert.Equal(Texts(5, 4, 3, 2, 1, 6, 7, 8), await ListAsync(officer, id, "sortera=organisation", ordered: true));

        var byKind = await KindsAsync(officer, id, "sortera=typ");
        Assert.Equal(Needs.Select(n => n.Kind?.Code() ?? "").Order(StringComparer.Ordinal), byKind.Order(StringComparer.Ordinal));
        Assert.Equal(byKind.Distinct().Count(), byKind.Select((kind, i) => i == 0 || byKind[i - 1] != kind).Count(start => start)); // each kind together
        Assert.NotEqual(await KindsAsync(officer, id, ""), byKind);

        // The sort links keep the filters.
        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering?vy=behov&kategori=1&sok=bok");
        var link = page.QuerySelectorAll("a").Select(a => a.GetAttribute("href")!).Single(h => h.Contains("sortera=aldst", StringComparison.Ordinal));
        Assert.Contains("kategori=1", link, StringComparison.Ordinal);
        Assert.Contains("sok=bok", link, StringComparison.Ordinal);
        Assert.Equal(Texts(1, 6), await ListAsync(officer, id, link[(link.IndexOf('?') + 1)..], ordered: true));
    }

    [Fact]
    public async Task Paging_shows_pages_of_fifty_and_pages_out_of_range_do_not_fail()
    {
        var (officer, _) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        const int count = 120;
        var uppsala = await MunicipalityAsync(app, "0380");
        var now = DateTimeOffset.UtcNow;
        await InsertAsync(id, Enumerable.Range(1, count)
            .Select(i => new NewSubmission(uppsala, null, new SubmissionData($"Behov nummer {i:000}.", null, null, null), "Seed", null, now.AddMinutes(-i)))
            .ToList());

        var pages = new List<IReadOnlyList<string>>();
        for (var page = 1; page <= 3; page++)
        {
            pages.Add(await ListAsync(officer, id, $"sida={page}", ordered: true));
        }

        Assert.Equal(50, TriageController.PageSize);
        Assert.Equal([50, 50, 20], pages.Select(p => p.Count));
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"Behov nummer {i:000}."), pages.SelectMany(p => p)); // newest first, no gaps, no repeats

        var (_, first) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering?sida=1");
        Assert.Contains("120 träffar. Sida 1 av 3.", MainText(first), StringComparison.Ordinal);
        Assert.Contains(first.QuerySelectorAll("nav .pagination a"), a => a.TextContent.Contains("Nästa sida", StringComparison.Ordinal)
            && a.GetAttribute("href")!.Contains("sida=2", StringComparison.Ordinal));
        var (_, last) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering?sida=3");
        Assert.DoesNotContain(last.QuerySelectorAll("nav .pagination a"), a => a.TextContent.Contains("Nästa sida", StringComparison.Ordinal));

        // Out of range: an empty page past the end, the first page below it; never an error.
        Assert.Empty(await ListAsync(officer, id, "sida=4"));
        Assert.Empty(await ListAsync(officer, id, "sida=2147483647"));
        Assert.Equal(pages[0], await ListAsync(officer, id, "sida=0", ordered: true));
        Assert.Equal(pages[0], await ListAsync(officer, id, "sida=-3", ordered: true));
        Assert.Equal(pages[0], await ListAsync(officer, id, "sida=abc", ordered: true));
        Assert.Equal(pages[0], await ListAsync(officer, id, "sida=99999999999999999999", ordered: true));
    }

    [Theory]
    [InlineData("vy=allt")]
    [InlineData("typ=Nonsens")]
    [InlineData("typ=99")]
    [InlineData("kategori=abc")]
    [InlineData("kategori=-1")]
    [InlineData("kategori=100000")]
    [InlineData("kategori=99999999999999")]
    [InlineData("org=inte-ett-id")]
    [InlineData("lan=Uppsala")]
    [InlineData("status=Raderad")]
    [InlineData("sortera=DROP+TABLE+submissions")]
    [InlineData("sok=*")]
    [InlineData("sok=%F0%9F%98%80")]
    [InlineData("sok=%22%29%28%5E%3A%2A+-+%2B")]
    [InlineData("sida=")]
    public async Task Bad_parameter_values_are_ignored_and_the_whole_list_is_shown(string query)
    {
        var (officer, id) = await SeededAsync();

        var response = await officer.GetAsync($"/upphandlingar/{id}/sortering?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Set(1, 2, 3, 4, 5, 6, 7, 8), RowTexts(await TestClient.ParseAsync(response)).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("sok=NEAR+OR+AND+NOT")]
    [InlineData("sok=%22bok%22*+OR+m%C3%B6te")]
    [InlineData("lan=99")]
    [InlineData("sok=%ED%A0%80%FF")]
    [InlineData("sok=%u00F6")]
    [InlineData("org=00000000-0000-0000-0000-000000000000")]
    [InlineData("vy=krav&status=Raderad&typ=x&kategori=y&sortera=z&sok=%27%3B--")]
    [InlineData("vy=krav&sida=-1")]
    public async Task Odd_but_well_formed_values_answer_an_ordinary_page(string query)
    {
        var (officer, id) = await SeededAsync();
        var longSearch = $"sok={new string('ö', 5000)}+{string.Join('+', Enumerable.Range(1, 50).Select(i => $"ord{i}"))}";

        foreach (var q in new[] { query, longSearch })
        {
            var response = await officer.GetAsync($"/upphandlingar/{id}/sortering?{q}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await TestClient.ParseAsync(response);
            Assert.Matches(@"\d+ träffar\. Sida \d+ av \d+\.", MainText(page));
            // Operators typed into the search are words to find, not search syntax: nothing here matches them all.
            Assert.True(RowTexts(page).Count < Needs.Length, $"{q} should narrow the list");
        }
    }

    [Fact]
    public async Task The_requirements_view_filters_searches_and_sorts_in_document_order_or_by_support()
    {
        var (officer, id) = await SeededAsync();
        var categories = new Dictionary<int, Guid> { [1] = await app.CategoryIdAsync(id, 1), [2] = await app.CategoryIdAsync(id, 2) };
        var supporters = new[] { "0380", "0180", "1480" };
        await app.WithServicesAsync(async sp =>
        {
            var store = sp.GetRequiredService<RequirementStore>();
            var supports = sp.GetRequiredService<SupportStore>();
            RequirementData Data(SpecificationSection section, int? category, RequirementKind kind, string title, string text, RequirementStatus status) =>
                new(section, category is { } n ? categories[n] : null, category, kind, title, text, "Motiv.", "Verifikat.", status);

            // Created out of document order on purpose.
            await store.CreateAsync(id, Data(SpecificationSection.ContractTerms, null, RequirementKind.Kv, "Tillgänglighet under avtalstiden",
                "Tjänsten ska uppfylla WCAG 2.1 nivå AA under hela avtalstiden.", RequirementStatus.Approved), null, "Test", default);
            var bidrag = await store.CreateAsync(id, Data(SpecificationSection.Specification, 2, RequirementKind.Bor, "Digital bidragsansökan",
                "Föreningar ska kunna söka bidrag med BankID.", RequirementStatus.Draft), null, "Test", default);
            var bokning = await store.CreateAsync(id, Data(SpecificationSection.Specification, 1, RequirementKind.Ska, "Mobil bokning",
                "Bokning ska kunna göras i mobilen.", RequirementStatus.Draft), null, "Test", default);
            await store.CreateAsync(id, Data(SpecificationSection.Qualification, null, RequirementKind.Kval, "Ekonomisk stabilitet",
                "Leverantören ska ha god kreditvärdighet.", RequirementStatus.Approved), null, "Test", default);
            await store.CreateAsync(id, Data(SpecificationSection.AdministrativeProvisions, null, RequirementKind.Ska, "Avtalstid",
                "Avtalet gäller i fyra år.", RequirementStatus.Approved), null, "Test", default);
            foreach (var code in supporters)
            {
                await supports.AddAsync(id, SupportTarget.Requirement(bidrag), await MunicipalityAsync(app, code), null, null, default);
            }

            await supports.AddAsync(id, SupportTarget.Requirement(bokning), await MunicipalityAsync(app, "2321"), null, null, default);
            return true;
        });

        Assert.Equal(["Avtalstid", "Ekonomisk stabilitet", "Mobil bokning", "Digital bidragsansökan", "Tillgänglighet under avtalstiden"],
            await TitlesAsync(officer, id, ""));
        var bySupport = await TitlesAsync(officer, id, "sortera=stod");
        Assert.Equal(["Digital bidragsansökan", "Mobil bokning"], bySupport.Take(2)); // most support first
        Assert.Equal(["Avtalstid", "Ekonomisk stabilitet", "Tillgänglighet under avtalstiden"], bySupport.Skip(2).Order(StringComparer.Ordinal));
        var byKind = await TitlesAsync(officer, id, "sortera=typ");
        Assert.Equal((await TitlesAsync(officer, id, "")).Order(StringComparer.Ordinal), byKind.Order(StringComparer.Ordinal));
        Assert.NotEqual(await TitlesAsync(officer, id, ""), byKind);
        Assert.Equal(["Avtalstid", "Ekonomisk stabilitet", "Tillgänglighet under avtalstiden"], await TitlesAsync(officer, id, "status=Approved"));
        Assert.Equal(["Mobil bokning", "Digital bidragsansökan"], await TitlesAsync(officer, id, "status=Draft"));
        Assert.Equal(["Digital bidragsansökan"], await TitlesAsync(officer, id, "typ=Bor"));
        Assert.Equal(["Mobil bokning"], await TitlesAsync(officer, id, "kategori=1"));
        Assert.Equal(["Mobil bokning"], await TitlesAsync(officer, id, "sok=BOKN"));
        Assert.Equal(["Digital bidragsansökan"], await TitlesAsync(officer, id, "sok=bidragsans%C3%B6kan"));
        Assert.Equal(["Tillgänglighet under avtalstiden"], await TitlesAsync(officer, id, "sok=tillg%C3%A4nglighet+wcag"));
        Assert.Empty(await TitlesAsync(officer, id, "sok=tillganglighet"));

        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering?vy=krav&sortera=stod");
        var first = page.QuerySelector(".table-wrap tbody tr")!;
        Assert.Equal("3", first.Children[4].TextContent.Trim()); // the support column
        Assert.Equal("BÖR", first.Children[2].TextContent.Trim());
        Assert.Null(page.QuerySelector("select#org")); // needs' filters are not offered for requirements
    }

    [Fact]
    public async Task Only_the_owning_officers_and_administrators_see_the_sorting_list()
    {
        var (officer, id) = await SeededAsync();
        var (representative, _) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        var (administrator, _) = await app.SignedInAsync(Roles.Administrator);
        var (supplier, _) = await app.SignedInAsync(Roles.Supplier);
        using var anonymous = app.NewClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await representative.GetAsync($"/upphandlingar/{id}/sortering")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await representative.GetAsync($"/upphandlingar/{id}/sortering?vy=krav")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supplier.GetAsync($"/upphandlingar/{id}/sortering")).StatusCode);
        var signIn = await anonymous.GetAsync($"/upphandlingar/{id}/sortering");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains("/konto/logga-in", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var (adminResponse, adminPage) = await administrator.GetPageAsync($"/upphandlingar/{id}/sortering");
        Assert.Equal(HttpStatusCode.OK, adminResponse.StatusCode);
        Assert.Equal(Needs.Length, RowTexts(adminPage).Count);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/upphandlingar/{Guid.NewGuid()}/sortering")).StatusCode);
    }

    [Fact]
    public async Task The_cached_list_shows_every_change_at_once()
    {
        var (officer, id) = await SeededAsync();
        Assert.Equal(Needs.Length, (await ListAsync(officer, id, "")).Count); // now in the cache
        Assert.Equal(Set(1, 2), await ListAsync(officer, id, "lan=03"));

        // A new municipality joins and sends a need: both the list and the organisation filter show it.
        var (enkoping, _) = await app.JoinedRepresentativeAsync(officer, id, "0381");
        const string text = "Bokningsbekräftelser ska kunna skickas som sms.";
        var needId = await SubmitNeedAsync(app, enkoping, id, text, kind: "Ska");
        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering");
        Assert.Equal(text, RowTexts(page)[0]);
        Assert.Contains("Enköping", page.QuerySelectorAll("select#org option").Select(o => o.TextContent.Trim()));
        Assert.Equal(Set(1, 2).Append(text).Order(StringComparer.Ordinal), await ListAsync(officer, id, "lan=03"));

        // Support from another municipality is counted on the next read.
        var need = $"/upphandlingar/{id}/behov/{needId}";
        var (uppsala, _) = await app.JoinedRepresentativeAsync(officer, id, "0380");
        Assert.Equal(HttpStatusCode.Redirect, (await uppsala.SubmitAsync($"/upphandlingar/{id}/behov", $"{need}/stod", new Dictionary<string, string>())).StatusCode);
        (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering");
        Assert.Equal("1", page.QuerySelector(".table-wrap tbody tr")!.Children[4].TextContent.Trim());

        // Withdrawn: gone from the active list at once.
        Assert.Equal(HttpStatusCode.Redirect, (await enkoping.SubmitAsync($"/upphandlingar/{id}/behov?vem=mina", $"{need}/aterkalla", new Dictionary<string, string>())).StatusCode);
        Assert.DoesNotContain(text, await ListAsync(officer, id, ""));
        Assert.Equal(Set(1, 2), await ListAsync(officer, id, "lan=03"));

        // A category renamed by whatever code: the filter offers the new name.
        await app.ExecuteAsync("UPDATE procurement_categories SET name = 'Bidragshantering' WHERE procurement_id = @id AND number = 2", new { id });
        (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering");
        Assert.Contains("2 Bidragshantering", page.QuerySelectorAll("select#kategori option").Select(o => o.TextContent.Trim()));
    }

    /// <summary>A procurement with the needs above from six municipalities that joined, and one withdrawn need.</summary>
    private async Task<(TestClient Officer, Guid Id)> SeededAsync()
    {
        var (officer, officerUser) = await app.SignedInAsync(Roles.ProcurementOfficer);
        var id = await app.CreateProcurementAsync(officer);
        var categories = new Dictionary<int, Guid> { [1] = await app.CategoryIdAsync(id, 1), [2] = await app.CategoryIdAsync(id, 2) };
        var organisations = new Dictionary<string, Guid>();
        foreach (var code in Needs.Select(n => n.Municipality).Distinct())
        {
            organisations[code] = await MunicipalityAsync(app, code);
        }

        await app.WithServicesAsync(async sp =>
        {
            var participation = sp.GetRequiredService<ParticipationStore>();
            await sp.GetRequiredService<DbSession>().WriteAsync(async () =>
            {
                await participation.InviteAsync(id, organisations.Values.ToList(), officerUser.Id, default);
                foreach (var organisation in organisations.Values)
                {
                    await participation.RespondAsync(id, organisation, ParticipationStatus.Joined, null, default);
                }
            });
            return true;
        });

        var now = DateTimeOffset.UtcNow;
        var rows = Needs.Select((n, i) => new NewSubmission(organisations[n.Municipality], null,
                new SubmissionData(n.Text, n.Kind, n.Motiv, n.Category is { } c ? categories[c] : null), "Seed", null, now.AddMinutes(-20 + i)))
            .Append(new NewSubmission(organisations["0380"], null, new SubmissionData(WithdrawnText, RequirementKind.Ska, null, categories[1]), "Seed", null, now))
            .ToList();
        await InsertAsync(id, rows);
        await app.ExecuteAsync("UPDATE submissions SET status = 'Withdrawn' WHERE procurement_id = @id AND text = @WithdrawnText", new { id, WithdrawnText });
        return (officer, id);
    }

    private async Task InsertAsync(Guid id, IReadOnlyList<NewSubmission> rows) =>
        await app.WithServicesAsync(async sp =>
        {
            await sp.GetRequiredService<DbSession>().WriteAsync(() => sp.GetRequiredService<SubmissionStore>().InsertManyAsync(id, rows, _ => { }, default));
            return true;
        });

    /// <summary>The texts of the needs listed (sorted unless <paramref name="ordered"/>, for filters where order is not the point).</summary>
    private static async Task<IReadOnlyList<string>> ListAsync(TestClient officer, Guid id, string query, bool ordered = false)
    {
        var (response, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var texts = RowTexts(page);
        return ordered ? texts : texts.Order(StringComparer.Ordinal).ToList();
    }

    private static async Task<IReadOnlyList<string>> KindsAsync(TestClient officer, Guid id, string query)
    {
        var (_, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering?{query}");
        return page.QuerySelectorAll(".table-wrap tbody tr").Select(tr => tr.Children[2].TextContent.Trim()).ToList();
    }

    private static async Task<IReadOnlyList<string>> TitlesAsync(TestClient officer, Guid id, string query)
    {
        var (response, page) = await officer.GetPageAsync($"/upphandlingar/{id}/sortering?vy=krav&{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page.QuerySelectorAll(".table-wrap tbody tr").Select(tr => tr.Children[1].TextContent.Trim()).ToList();
    }

    private static List<string> RowTexts(IHtmlDocument page) =>
        page.QuerySelectorAll(".table-wrap tbody tr").Select(tr => tr.Children[0].TextContent.Trim()).ToList();

    /// <summary>The texts of the needs with the given 1-based numbers, in the order given.</summary>
    private static List<string> Texts(params int[] numbers) => numbers.Select(n => Needs[n - 1].Text).ToList();

    /// <summary>The texts of the needs with the given numbers in ordinal order, to compare with an unordered <see cref="ListAsync"/>.</summary>
    private static List<string> Set(params int[] numbers) => Texts(numbers).Order(StringComparer.Ordinal).ToList();

    private sealed record Need(string Municipality, string Text, RequirementKind? Kind, int? Category, string? Motiv);
}
