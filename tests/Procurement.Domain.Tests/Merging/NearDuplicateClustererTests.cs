using Procurement.Domain.Merging;

namespace Procurement.Domain.Tests.Merging;

public class NearDuplicateClustererTests
{
    private static readonly NearDuplicateClusterer Clusterer = NearDuplicateClusterer.Swedish;

    private static string? ClusterOf(IReadOnlyList<SuggestedCluster> clusters, string id) =>
        clusters.Select((c, i) => (c, i)).Where(x => x.c.MemberIds.Contains(id)).Select(x => x.i.ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();

    private static readonly ClusterInput[] SmsNeeds =
    [
        new("p1", "Systemet ska kunna skicka en påminnelse via SMS till kunden dagen före bokad tid."),
        new("p2", "Automatisk påminnelse via sms före bokning."),
        new("p3", "SMS-påminnelse före bokningen, t.ex. 24 timmar innan."),
        new("b1", "Systemet ska kunna skicka en bekräftelse via SMS till kunden direkt efter bokningen."),
        new("b2", "Bokningsbekräftelse via sms efter bokning."),
        new("b3", "SMS-bekräftelse efter bokningen, t.ex. med tid och lokal."),
    ];

    [Fact]
    public void Groups_duplicates_and_keeps_reminders_apart_from_confirmations()
    {
        var clusters = Clusterer.Cluster(SmsNeeds);
        Assert.NotNull(ClusterOf(clusters, "p1"));
        Assert.Equal(ClusterOf(clusters, "p1"), ClusterOf(clusters, "p2"));
        Assert.Equal(ClusterOf(clusters, "b2"), ClusterOf(clusters, "b3"));
        foreach (var p in new[] { "p1", "p2", "p3" })
        {
            foreach (var b in new[] { "b1", "b2", "b3" })
            {
                var cp = ClusterOf(clusters, p);
                Assert.True(cp is null || cp != ClusterOf(clusters, b), $"{p} and {b} must stay apart");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void No_or_one_text_gives_no_suggestions(int count) =>
        Assert.Empty(Clusterer.Cluster(SmsNeeds.Take(count).ToList()));

    [Fact]
    public void Export_to_and_import_from_the_finance_system_stay_apart()
    {
        Assert.Equal(0, Clusterer.Similarity("Export av fakturaunderlag till ekonomisystemet.", "Import av kundregister från ekonomisystemet."));
        Assert.True(Clusterer.Similarity("SMS-påminnelse före bokningen", "SMS-bekräftelse efter bokningen") < 0.1);
        Assert.True(Clusterer.Similarity("Fakturaunderlag ska exporteras till Raindance.", "Export av fakturaunderlag till ekonomisystemet.") > 0.3);
    }

    [Fact]
    public void The_customer_booking_alone_is_not_staff_booking_on_their_behalf()
    {
        const string self = "Kunden ska själv kunna boka lediga tider i kommunens lokaler via en e-tjänst.";
        Assert.True(Clusterer.Similarity(self, "Personalen ska kunna boka lediga tider i kommunens lokaler åt en kund som ringer.") < 0.2);
        Assert.True(Clusterer.Similarity(self, "Hyresgästen ska själv kunna boka lediga tider i kommunens lokaler via e-tjänsten.") > 0.5);
    }

    [Fact]
    public void Applying_for_a_grant_is_not_reporting_on_it()
    {
        Assert.True(Clusterer.Similarity("Föreningarna ska kunna söka kommunens föreningsbidrag digitalt i en e-tjänst.",
            "Föreningarna ska kunna redovisa kommunens föreningsbidrag digitalt i en e-tjänst.") < 0.3);
        Assert.True(Clusterer.Similarity("Föreningarna ska kunna söka kommunens föreningsbidrag digitalt i en e-tjänst.",
            "Föreningarna ska kunna söka föreningsbidrag digitalt.") > 0.5);
    }

    [Fact]
    public void Exact_and_near_exact_repeats_form_one_cluster_with_shared_terms()
    {
        var items = Enumerable.Range(0, 5).Select(i => new ClusterInput("a" + i, "Det ska gå att boka idrottshall direkt i e-tjänsten.")).ToList();
        items.Add(new ClusterInput("a5", "Det ska gå att boka idrottshallen direkt i e-tjänsten!"));
        items.Add(new ClusterInput("x", "Leverantören ska vara certifierad enligt ISO 27001."));
        var clusters = Clusterer.Cluster(items);
        var top = Assert.Single(clusters);
        Assert.Equal(6, top.MemberIds.Count);
        var terms = Procurement.Domain.TextAnalysis.TextAnalyzer.Swedish.Words("boka idrottshall").Select(w => w.Term);
        Assert.Subset(top.SharedTerms.ToHashSet(), terms.ToHashSet());
    }

    [Fact]
    public void Does_not_chain_unrelated_items_through_a_middle_one()
    {
        // A shares "påminnelse via sms" with B, B shares "statistik över beläggning" with C; A and C share nothing.
        ClusterInput[] items =
        [
            new("A", "Påminnelse via sms till föreningen."),
            new("B", "Påminnelse via sms till föreningen med statistik över beläggning i hallarna."),
            new("C", "Statistik över beläggning i hallarna per säsong."),
        ];
        var clusters = Clusterer.Cluster(items);
        var a = ClusterOf(clusters, "A");
        Assert.True(a is null || a != ClusterOf(clusters, "C"));
        Assert.True(Clusterer.Similarity(items[0].Text, items[2].Text) < 0.05);
    }

    [Fact]
    public void Cannot_link_pairs_never_share_a_cluster()
    {
        ClusterInput[] items =
        [
            new("1", "Det ska gå att boka idrottshall direkt i e-tjänsten."),
            new("2", "Det ska gå att boka idrottshall direkt i e-tjänsten."),
            new("3", "Boka idrottshall direkt i e-tjänsten."),
        ];
        Assert.Equal(ClusterOf(Clusterer.Cluster(items), "1"), ClusterOf(Clusterer.Cluster(items), "2"));
        var clusters = Clusterer.Cluster(items, new HashSet<(string, string)> { ("1", "2") });
        var one = ClusterOf(clusters, "1");
        Assert.True(one is null || one != ClusterOf(clusters, "2"));
    }

    [Fact]
    public void Is_deterministic()
    {
        var items = DevSet.Load().Items;
        var first = Clusterer.Cluster(items);
        var second = Clusterer.Cluster(items.ToList());
        Assert.Equal(first.Select(c => string.Join(",", c.MemberIds) + c.Similarity), second.Select(c => string.Join(",", c.MemberIds) + c.Similarity));
    }

    [Fact]
    public void Match_proposes_the_existing_requirement()
    {
        ClusterInput[] targets =
        [
            new("K-1", "Systemet ska kunna exportera fakturaunderlag till ekonomisystemet."),
            new("K-2", "Systemet ska kunna importera kundregistret från ekonomisystemet."),
            new("K-3", "Det ska gå att boka idrottshall i e-tjänsten."),
        ];
        var matches = Clusterer.Match("Fakturaunderlag ska kunna skickas automatiskt till Raindance.", targets);
        Assert.Equal("K-1", matches[0].Id);
        Assert.DoesNotContain(matches, m => m.Id == "K-2");
    }
}
