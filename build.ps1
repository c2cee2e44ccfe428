#!/usr/bin/env pwsh
<#
.SYNOPSIS
  Build, test, run or publish Procurement. Mirrors the README's commands.
.EXAMPLE
  ./build.ps1                      # Build and Test
  ./build.ps1 -Target Run          # dotnet run --project src/Procurement.Web -- --seed-demo
  ./build.ps1 -Target Publish -Configuration Release
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Run', 'Publish')]
    [string]$Target = 'Test',
    [ValidateSet('Debug', 'Release')]
    [string]$Configuration = 'Debug',
    [string]$Output = 'artifacts/publish'
)

$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Dotnet {
    & dotnet @args
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($args -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Build {
    Invoke-Dotnet build Procurement.sln --configuration $Configuration
}

switch ($Target) {
    'Build' {
        Invoke-Build
    }
    'Test' {
        # The README's test command, built once and then run without rebuilding.
        Invoke-Build
        Invoke-Dotnet test Procurement.sln --configuration $Configuration --no-build
    }
    'Run' {
        Invoke-Dotnet run --project src/Procurement.Web --configuration $Configuration -- --seed-demo
    }
    'Publish' {
        Invoke-Dotnet publish src/Procurement.Web --configuration $Configuration --output "$Output/web"
        Invoke-Dotnet publish src/Procurement.Cli --configuration $Configuration --output "$Output/cli"
        Write-Host "Published to $Output (web/ and cli/)."
    }
}
