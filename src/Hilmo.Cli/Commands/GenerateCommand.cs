using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hilmo.Identity;
using Hilmo.Notifications;
using Hilmo.Statistics;
using Hilmo.Statistics.Population;
using Hilmo.Synthetic;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo generate --records N [--seed S] [--year Y] [--invalid-share F] [--registers LIST] [--outbreak SYNDROME:COUNTY:START:DAYS:FACTOR ...] --out FILE.ndjson [--providers FILE.csv] [--units FILE.csv] [--population FILE.csv]</c>:
/// a synthetic submission with the shape of a year of national data of the three registers (AvoHILMO
/// events, Terveys-Hilmo and Sosiaalihilmo care periods of the same people), its providers, and the
/// population its people are drawn from.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var records = new Option<long>("--records")
        {
            Description = "How many records (lines) to write",
            Required = true,
            HelpName = "N",
            Validators = { r => { if (r.GetValueOrDefault<long>() < 0) { r.AddError("--records cannot be negative."); } } },
        };
        var seed = new Option<int>("--seed") { Description = "Seed of the random sequence; the same seed gives the same file", DefaultValueFactory = _ => 1, HelpName = "S" };
        var year = new Option<int?>("--year") { Description = "Year of the events (default: the last complete year)", HelpName = "Y" };
        var invalidShare = new Option<double>("--invalid-share")
        {
            Description = "Share of records with a mistake the register must reject",
            DefaultValueFactory = _ => GeneratorOptions.Default.InvalidShare,
            HelpName = "F",
        };
        var registers = new Option<string>("--registers")
        {
            Description = "The registers to generate, comma-separated: avohilmo, terveyshilmo, sosiaalihilmo (default: all three; --records counts the records of all)",
            DefaultValueFactory = _ => string.Join(',', Registers.All.Select(r => r.WireName())),
            HelpName = "LIST",
            Validators = { r => { if (ParseRegisters(r.GetValueOrDefault<string>()) is null) { r.AddError("--registers takes avohilmo, terveyshilmo and sosiaalihilmo, comma-separated."); } } },
        };
        var output = new Option<FileInfo>("--out") { Description = "The NDJSON file to write", Required = true, HelpName = "FILE.ndjson" };
        var providers = new Option<FileInfo?>("--providers")
        {
            Description = $"Also write the synthetic providers (code, names, county) as the register's {ProviderRegister.FileName} reads them",
            HelpName = "FILE.csv",
        };
        var units = new Option<FileInfo?>("--units")
        {
            Description = $"Also write the synthetic providers' service units (code, provider, names) as the register's {UnitRegister.FileName} reads them",
            HelpName = "FILE.csv",
        };
        var population = new Option<FileInfo?>("--population")
        {
            Description = $"Also write the synthetic population at 31 December of the year (municipality, sex, one-year age), the denominator of rates, as the register's {PopulationFile.FileName} reads it",
            HelpName = "FILE.csv",
        };
        var outbreaks = OutbreakOption.Create(
            "Inject an outbreak: SYNDROME (as in syndromes.csv, e.g. gastro) among residents of COUNTY (hyvinvointialue code, e.g. 08) "
            + "from START (yyyy-mm-dd) for DAYS days, FACTOR times the seasonal expectation of its visits; repeatable");
        var codes = CommonOptions.Codes();
        var command = new Command("generate", "Write synthetic AvoHILMO, Terveys-Hilmo and Sosiaalihilmo records of one population with a national shape, mistakes, later versions and the year-end census included")
        {
            records, seed, year, invalidShare, registers, output, providers, units, population, outbreaks, codes,
        };
        command.SetAction(parsed =>
        {
            var options = new GeneratorOptions
            {
                Seed = parsed.GetValue(seed),
                Year = parsed.GetValue(year),
                InvalidShare = parsed.GetValue(invalidShare),
                Registers = ParseRegisters(parsed.GetValue(registers))!.Value,
                Outbreaks = OutbreakOption.Parse(parsed.GetValue(outbreaks)),
            };
            var codeServer = RegisterComponents.LoadCodes(parsed.GetValue(codes));
            ServiceEventGenerator generator;
            try
            {
                generator = new ServiceEventGenerator(codeServer, new SyntheticIdentityCodes(), options);
                if (options.Outbreaks.FirstOrDefault(o => o.End < generator.FirstDay || o.Start > generator.LastDay) is { } outside)
                {
                    Console.Error.WriteLine($"generate: outbreak {outside} lies outside the generated period {generator.FirstDay:yyyy-MM-dd}–{generator.LastDay:yyyy-MM-dd}; give --year or another START.");
                    return 1;
                }
            }
            catch (ArgumentOutOfRangeException exception)
            {
                Console.Error.WriteLine($"generate: {exception.Message}");
                return 1;
            }

            var written = Write(generator, parsed.GetValue(records), parsed.GetValue(output)!, Console.Out);
            var regions = RegionCatalogue.From(codeServer);
            if (written == 0 && parsed.GetValue(providers) is { } providerFile)
            {
                written = WriteRegister(providerFile, ProviderRegister.FileName, "providers",
                    SyntheticProviderRegister.Entries(generator.Providers, regions), ProviderRegister.Write, Console.Out);
            }

            if (written == 0 && parsed.GetValue(units) is { } unitFile)
            {
                written = WriteRegister(unitFile, UnitRegister.FileName, "units",
                    SyntheticProviderRegister.Units(generator.Providers, regions), UnitRegister.Write, Console.Out);
            }

            if (written == 0 && parsed.GetValue(population) is { } populationFile)
            {
                written = WriteRegister(populationFile, PopulationFile.FileName, "population counts",
                    generator.Population(), PopulationFile.Write, Console.Out);
            }

            return written;
        });
        return command;
    }

    private static int Write(ServiceEventGenerator generator, long count, FileInfo file, TextWriter output)
    {
        var kinds = new long[Enum.GetValues<GeneratedRecordKind>().Length];
        var byRegister = new long[Registers.All.Count];
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        long bytes;
        try
        {
            using var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.SequentialScan);
            using var writer = new GeneratedRecordNdjsonWriter(stream);
            foreach (var record in generator.Generate(count))
            {
                kinds[(int)record.Kind]++;
                if (record.Submitted is { } submitted)
                {
                    byRegister[(int)submitted.Notification.Register]++;
                }

                if ((record.ExpectedCode ?? record.ExpectedWarning) is { } code)
                {
                    expected[code] = expected.GetValueOrDefault(code) + 1;
                }

                writer.Write(record);
            }

            writer.Flush();
            bytes = writer.Bytes;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"generate: {file.Name} could not be written: {exception.Message}");
            return 2;
        }

        clock.Stop();
        var rate = clock.Elapsed.TotalSeconds > 0 ? count / clock.Elapsed.TotalSeconds : 0;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{file.Name}: {count:N0} records of {generator.FirstDay:yyyy-MM-dd}–{generator.LastDay:yyyy-MM-dd}, seed {generator.Options.Seed}, {bytes / 1e6:N1} MB ({clock.Elapsed.TotalSeconds:F1} s, {rate:N0} records/s)"));
        if (generator.Options.Registers.Length > 1)
        {
            // Raw lines (defects of the wire format) belong to no register and are counted under their kind only.
            foreach (var register in Registers.All.Where(r => byRegister[(int)r] > 0))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {register.DisplayName(),-30}{byRegister[(int)register],12:N0}"));
            }
        }

        foreach (var kind in Enum.GetValues<GeneratedRecordKind>().Where(k => kinds[(int)k] > 0))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Name(kind),-30}{kinds[(int)kind],12:N0}"));
        }

        if (expected.Count > 0)
        {
            output.WriteLine("  expected findings: " + string.Join(", ", expected.OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} ×{p.Value:N0}"))));
        }

        return 0;
    }

    private static int WriteRegister<T>(FileInfo file, string registerFile, string what, IReadOnlyList<T> entries, Action<string, IEnumerable<T>> write, TextWriter output)
    {
        try
        {
            write(file.FullName, entries);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"generate: {file.Name} could not be written: {exception.Message}");
            return 2;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file.Name}: {entries.Count} {what}; put it in the data folder as {registerFile}"));
        return 0;
    }

    /// <summary>The registers named in <paramref name="list"/>, each once, in register order; null when one is unknown or none is given.</summary>
    internal static ImmutableArray<Register>? ParseRegisters(string? list)
    {
        var chosen = new SortedSet<Register>();
        foreach (var name in (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Registers.FromWireName(name) is not { } register)
            {
                return null;
            }

            chosen.Add(register);
        }

        return chosen.Count == 0 ? null : [.. chosen];
    }

    private static string Name(GeneratedRecordKind kind) => kind switch
    {
        GeneratedRecordKind.Original => "new records",
        GeneratedRecordKind.Update => "updates (visit, discharge)",
        GeneratedRecordKind.Census => "year-end census versions",
        GeneratedRecordKind.Cancellation => "cancellations",
        GeneratedRecordKind.Resend => "exact resends",
        GeneratedRecordKind.Withdrawal => "withdrawals",
        GeneratedRecordKind.WithdrawalOfUnknownRecord => "withdrawals of unknown records",
        GeneratedRecordKind.LateEarlierVersion => "late earlier versions",
        GeneratedRecordKind.Conflict => "conflicting versions",
        _ => "invalid records",
    };
}
