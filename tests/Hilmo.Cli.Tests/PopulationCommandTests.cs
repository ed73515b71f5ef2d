using Hilmo.Codes;
using Hilmo.Identity;
using Hilmo.Statistics.Population;
using Hilmo.Synthetic;
using Hilmo.Testing;

namespace Hilmo.Cli.Tests;

/// <summary>The population on the command line: written by <c>hilmo generate</c>, read from the data folder by the commands that report.</summary>
[Collection(UsesTheConsole.Name)]
public sealed class PopulationCommandTests : IDisposable
{
    private const int Year = 2025;

    private readonly string folder = Directory.CreateTempSubdirectory("hilmo-cli-population-").FullName;

    private string Data => Path.Combine(folder, "data");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Generate_writes_the_population_its_clients_are_drawn_from_for_the_data_folder()
    {
        var file = Path.Combine(folder, "population.csv");

        var (exit, output) = await CommandLine.RunAsync("generate", "--registers", "avohilmo", "--records", "100", "--seed", "3", "--year", $"{Year}",
            "--out", Path.Combine(folder, "x.ndjson"), "--population", file);

        Assert.Equal(0, exit);
        Assert.Contains($"population counts; put it in the data folder as {PopulationFile.FileName}", output, StringComparison.Ordinal);
        var generator = new ServiceEventGenerator(CodeServer.Load(RepositoryFolders.ShippedCodes), new SyntheticIdentityCodes(), new GeneratorOptions { Year = Year });
        Assert.Equal(generator.Population(), PopulationFile.ReadCsv(File.ReadAllBytes(file), PopulationFile.FileName));
    }

    [Fact]
    public async Task A_broken_population_file_in_the_data_folder_stops_a_report_with_one_line_naming_line_and_field()
    {
        Directory.CreateDirectory(Data);
        File.WriteAllText(Path.Combine(Data, PopulationFile.FileName), "year,municipality,sex,age,persons\n2025,091,1,0,12\n2025,091,1,zero,3\n");

        var (exit, output) = await CommandLine.RunAsync("report", "visits", "--data", Data, "--from", $"{Year}-01-01", "--to", $"{Year}-12-31",
            "--format", "csv", "--unprotected", "--out", Path.Combine(folder, "r.csv"));

        Assert.Equal(1, exit);
        Assert.Equal($"hilmo: Population file {PopulationFile.FileName} line 3: field \"age\" is \"zero\", not an age of 0 to 100.", output.Trim());
    }
}
