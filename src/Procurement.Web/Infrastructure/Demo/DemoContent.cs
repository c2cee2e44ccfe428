using System.Reflection;
using System.Text.Json;

namespace Procurement.Web.Infrastructure.Demo;

/// <summary>
/// The demo procurement as written in <c>db/seed/demo/*.json</c> (embedded in the assembly): the procurement,
/// its requirements, and the themes municipalities' needs are drawn from, each with several phrasings.
/// </summary>
public sealed record DemoContent(DemoProcurement Procurement, IReadOnlyList<DemoRequirement> Requirements, IReadOnlyList<DemoNeedTheme> Needs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static DemoContent Load() =>
        new(Read<DemoProcurement>("procurement.json"), Read<List<DemoRequirement>>("requirements.json"), Read<List<DemoNeedTheme>>("needs.json"));

    private static T Read<T>(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"seed/demo/{name}")
            ?? throw new InvalidOperationException($"Demodata saknas i programmet: {name}");
        return JsonSerializer.Deserialize<T>(stream, Json) ?? throw new InvalidOperationException($"Demodata kunde inte läsas: {name}");
    }
}

public sealed record DemoProcurement(string Reference, string Title, string Description, IReadOnlyList<string> CpvCodes, int ValidityYears,
    IReadOnlyList<DemoCategory> Categories);

public sealed record DemoCategory(int Number, string Name, string Description);

public sealed record DemoRequirement(string Section, int? Category, string Kind, string Title, string Text, string Motiv, string Verifikat);

/// <summary>One need many municipalities share, phrased in their own words; <see cref="Weight"/> is how common it is.</summary>
public sealed record DemoNeedTheme(string Id, int Category, string Kind, int Weight, string? NearMissOf,
    IReadOnlyList<string> Phrasings, IReadOnlyList<string> Motivations);
