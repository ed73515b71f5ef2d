using Hilmo.Cli;
using Hilmo.Cli.Commands;
using Hilmo.Notifications;
using Hilmo.Statistics.Population;
using Hilmo.Testing.Statistics;

namespace Hilmo.Server.Tests;

/// <summary>What <c>hilmo serve --demo</c> installs before the register opens, seen by the server it opens.</summary>
public sealed class DemoPopulationTests
{
    [Fact]
    public async Task Serve_demo_gives_the_servers_statistics_the_population_of_its_generated_year()
    {
        // The harness owns the folder and deletes it with the server.
        var folder = Directory.CreateTempSubdirectory("hilmo-demo-").FullName;
        ServeCommand.InstallDemoRegisters(new DataFolder(folder), StatisticsStore.Codes);
        await using var server = await ServerHarness.StartAsync(folder: folder);

        var population = server.Register.Services.Statistics.Context.Population;

        var year = Assert.Single(population.Years);
        Assert.InRange(year, DateTime.UtcNow.Year - 2, DateTime.UtcNow.Year - 1);
        Assert.InRange(population.Count(year), 5_000_000, 6_500_000);
        Assert.True(population.Count(year, ["091"], Sex.Female, 100, 100) > 0, "Helsinki has centenarians");
        Assert.True(File.Exists(Path.Combine(folder, PopulationFile.FileName)));
    }

    [Fact]
    public void Serve_demo_keeps_a_population_the_register_keepers_put_in_the_data_folder()
    {
        var folder = Directory.CreateTempSubdirectory("hilmo-demo-").FullName;
        try
        {
            var own = Path.Combine(folder, PopulationFile.PxFileName);
            File.WriteAllText(own, "their own");

            ServeCommand.InstallDemoRegisters(new DataFolder(folder), StatisticsStore.Codes);

            Assert.Equal("their own", File.ReadAllText(own));
            Assert.False(File.Exists(Path.Combine(folder, PopulationFile.FileName)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
