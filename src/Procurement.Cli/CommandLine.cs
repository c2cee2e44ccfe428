namespace Procurement.Cli;

/// <summary>
/// "verb --name value --flag". Small on purpose: every message is Swedish and every mistake is named.
/// </summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string?> options;

    private CommandLine(string verb, Dictionary<string, string?> options)
    {
        Verb = verb;
        this.options = options;
    }

    public string Verb { get; }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            throw new UsageException("Ange ett kommando.");
        }

        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"Oväntat argument: {arg}");
            }

            var name = arg[2..];
            string? value = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (!options.TryAdd(name, value))
            {
                throw new UsageException($"--{name} är angivet två gånger.");
            }
        }

        return new CommandLine(args[0], options);
    }

    /// <summary>Fails on any option the verb does not know, so typos never pass silently.</summary>
    public void Allow(params string[] names)
    {
        var unknown = options.Keys.FirstOrDefault(k => !names.Contains(k));
        if (unknown is not null)
        {
            throw new UsageException($"Okänt alternativ för {Verb}: --{unknown}");
        }
    }

    public string Required(string name)
    {
        if (!options.TryGetValue(name, out var value))
        {
            throw new UsageException($"--{name} saknas.");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException($"--{name} saknar värde.");
        }

        return value;
    }

    public string? Optional(string name)
    {
        if (!options.TryGetValue(name, out var value))
        {
            return null;
        }

        return string.IsNullOrWhiteSpace(value) ? throw new UsageException($"--{name} saknar värde.") : value;
    }

    public bool Flag(string name)
    {
        if (!options.TryGetValue(name, out var value))
        {
            return false;
        }

        return value is null ? true : throw new UsageException($"--{name} tar inget värde.");
    }
}

/// <summary>The command line itself is wrong: exit code 2 and the usage text.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The command was understood but cannot be carried out: exit code 1.</summary>
public sealed class CommandException(string message) : Exception(message);
