using System.Diagnostics.CodeAnalysis;

// Test names read as Method_Scenario_Expected (DESIGN.md §2), which CA1707 forbids for product code.
[assembly: SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores",
    Justification = "Test names read as Method_Scenario_Expected.", Scope = "namespaceanddescendants",
    Target = "~N:VmQuest.Tests.Game.Platform")]
