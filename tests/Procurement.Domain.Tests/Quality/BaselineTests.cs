using Procurement.Quality;

namespace Procurement.Domain.Tests.Quality;

public sealed class BaselineTests
{
    [Fact]
    public void Tf_idf_links_texts_that_share_rare_words_at_a_low_threshold_only()
    {
        var baseline = TfIdfBaseline.Build(
        [
            ("1", "Systemet ska skicka SMS-påminnelse före bokningen."),
            ("2", "SMS-påminnelse före bokningen, tack!"),
            ("3", "Fakturor ska kunna exporteras till ekonomisystemet."),
        ]);

        var loose = baseline.Cluster(0.3);
        var strict = baseline.Cluster(0.95);

        Assert.Equal(loose["1"], loose["2"]);
        Assert.NotEqual(loose["1"], loose["3"]);
        Assert.Equal(3, strict.Values.Distinct().Count());
    }

    [Fact]
    public void Tokens_are_lower_case_letter_and_digit_runs() =>
        Assert.Equal(["sms", "påminnelse", "24", "h"], TfIdfBaseline.Tokens("SMS-påminnelse, 24 h."));
}
