using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hilmo.Codes;
using Hilmo.Identity;
using Hilmo.Statistics;
using Hilmo.Synthetic;

namespace Hilmo.Cli.Commands;

/// <summary>
/// <c>hilmo generate --records N [--seed S] [--year Y] [--invalid-share F] --out FILE.ndjson [--providers FILE.csv]</c>:
/// a synthetic submission with the shape of a year of national AvoHILMO data, and its providers.
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
        var output = new Option<FileInfo>("--out") { Description = "The NDJSON file to write", Required = true, HelpName = "FILE.ndjson" };
        var providers = new Option<FileInfo?>("--providers")
        {
            Description = $"Also write the synthetic providers (code, names, county) as the register's {ProviderRegister.FileName} reads them",
            HelpName = "FILE.csv",
        };
        var codes = CommonOptions.Codes();
        var command = new Command("generate", "Write synthetic AvoHILMO records with a national shape, mistakes and later versions included")
        {
            records, seed, year, invalidShare, output, providers, codes,
        };
        command.SetAction(parsed =>
        {
            var options = new GeneratorOptions { Seed = parsed.GetValue(seed), Year = parsed.GetValue(year), InvalidShare = parsed.GetValue(invalidShare) };
            var codeServer = RegisterComponents.LoadCodes(parsed.GetValue(codes));
            ServiceEventGenerator generator;
            try
            {
                generator = new ServiceEventGenerator(codeServer, new SyntheticIdentityCodes(), options);
            }
            catch (ArgumentOutOfRangeException exception)
            {
                Console.Error.WriteLine($"generate: {exception.Message}");
                return 1;
            }

            var written = Write(generator, parsed.GetValue(records), parsed.GetValue(output)!, Console.Out);
            return written == 0 && parsed.GetValue(providers) is { } providerFile
                ? WriteProviders(generator, codeServer, providerFile, Console.Out)
                : written;
        });
        return command;
    }

    private static int Write(ServiceEventGenerator generator, long count, FileInfo file, TextWriter output)
    {
        var kinds = new long[Enum.GetValues<GeneratedRecordKind>().Length];
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

    private static int WriteProviders(ServiceEventGenerator generator, CodeServer codes, FileInfo file, TextWriter output)
    {
        var entries = SyntheticProviderRegister.Entries(generator.Providers, RegionCatalogue.From(codes));
        try
        {
            ProviderRegister.Write(file.FullName, entries);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"generate: {file.Name} could not be written: {exception.Message}");
            return 2;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file.Name}: {entries.Count} providers; put it in the data folder as {ProviderRegister.FileName}"));
        return 0;
    }

    private static string Name(GeneratedRecordKind kind) => kind switch
    {
        GeneratedRecordKind.Original => "new records",
        GeneratedRecordKind.Update => "updates (visit after booking)",
        GeneratedRecordKind.Cancellation => "cancellations",
        GeneratedRecordKind.Resend => "exact resends",
        GeneratedRecordKind.Withdrawal => "withdrawals",
        GeneratedRecordKind.WithdrawalOfUnknownRecord => "withdrawals of unknown records",
        GeneratedRecordKind.LateEarlierVersion => "late earlier versions",
        GeneratedRecordKind.Conflict => "conflicting versions",
        _ => "invalid records",
    };
}
