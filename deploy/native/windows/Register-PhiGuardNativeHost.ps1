<#
.SYNOPSIS
  PHI Guard's native host for every user of this Windows computer (deploy/README.md, "Native host for every user").
.DESCRIPTION
  Run in an elevated PowerShell, or as your software-deployment tool's script, with Python 3.11+ installed.
  Installs PHI Guard into C:\Program Files\PHI Guard\venv and registers the host with Chrome, Chromium, Edge and
  Firefox system-wide: manifests in C:\Program Files\PHI Guard\NativeMessagingHosts\<browser>\ and the keys
  HKLM\Software\{Google\Chrome,Chromium,Microsoft\Edge,Mozilla}\NativeMessagingHosts\org.phiguard.engine.
  No server, no port: each browser starts the host itself for the signed-in user.
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File Register-PhiGuardNativeHost.ps1 -Package \\fileserver\software\phiguard -RulePack 'C:\ProgramData\PHI Guard\rules\northshire-trust'
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File Register-PhiGuardNativeHost.ps1 -Uninstall
#>
param(
    [string]$Package,
    [string[]]$RulePack = @(),
    [string]$Python = 'py',
    [switch]$Uninstall
)
$ErrorActionPreference = 'Stop'
$Venv = Join-Path $env:ProgramFiles 'PHI Guard\venv'
$Phiguard = Join-Path $Venv 'Scripts\phiguard.exe'
if ($Uninstall) {
    & $Phiguard uninstall-native-host --system --browser all
    exit $LASTEXITCODE
}
if (-not $Package) { throw 'Give -Package: a PHI Guard checkout, a wheel, or "phiguard" with a wheelhouse.' }
if ($Python -eq 'py') { & py -3 -m venv $Venv } else { & $Python -m venv $Venv }
& (Join-Path $Venv 'Scripts\pip.exe') install --quiet $Package
$rules = @()
foreach ($pack in $RulePack) { $rules += @('--rules', $pack) }
& $Phiguard install-native-host --system --browser all @rules
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& $Phiguard doctor --no-model
