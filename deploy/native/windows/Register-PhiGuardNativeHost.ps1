<#
.SYNOPSIS
  PHI Guard's native host for every user of this Windows computer (deploy/README.md, "Native host for every user").
.DESCRIPTION
  Run in an elevated PowerShell, or as your software-deployment tool's script, with Python 3.11+ installed.
  Installs PHI Guard into C:\Program Files\PHI Guard\venv and registers the host with Chrome, Chromium, Edge and
  Firefox system-wide: manifests in C:\Program Files\PHI Guard\NativeMessagingHosts\<browser>\ and the keys
  HKLM\Software\{Google\Chrome,Chromium,Microsoft\Edge,Mozilla}\NativeMessagingHosts\org.phiguard.engine.
  No server, no port: each browser starts the host itself for the signed-in user.

  -FirefoxExtensionId and -ChromeExtensionId let your own builds of the extension start the host (deploy/README.md,
  "Building your own packages"): each takes one id or several, and replaces PHI Guard's own id for its browsers (name
  that too to keep it). Under powershell -File, give several as one comma-separated string. A deployment tool that
  sets variables rather than arguments can give the same lists, separated by spaces or commas, in
  PHIGUARD_FIREFOX_EXTENSION_IDS and PHIGUARD_CHROME_EXTENSION_IDS; a parameter given wins over its variable.
.PARAMETER FirefoxExtensionId
  Firefox add-on ids (name@your-domain or a {GUID}, as extension/build.mjs --gecko-id) allowed to start the host.
.PARAMETER ChromeExtensionId
  Chrome or Edge extension ids (32 letters a-p, the id your signing key gives) allowed to start the host.
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File Register-PhiGuardNativeHost.ps1 -Package \\fileserver\software\phiguard -RulePack 'C:\ProgramData\PHI Guard\rules\northshire-trust'
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File Register-PhiGuardNativeHost.ps1 -Package \\fileserver\software\phiguard -FirefoxExtensionId 'phiguard@northshire.nhs.example,phiguard@phiguard.org' -ChromeExtensionId '<your 32-letter id>'
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File Register-PhiGuardNativeHost.ps1 -Uninstall
#>
param(
    [string]$Package,
    [string[]]$RulePack = @(),
    [string[]]$FirefoxExtensionId = @($env:PHIGUARD_FIREFOX_EXTENSION_IDS),
    [string[]]$ChromeExtensionId = @($env:PHIGUARD_CHROME_EXTENSION_IDS),
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
# An id holds no space or comma, so each value splits on them: -File passes 'a,b' as one string.
$ids = @()
foreach ($id in ($FirefoxExtensionId -split '[ ,]' | Where-Object { $_ })) { $ids += @('--firefox-extension-id', $id) }
foreach ($id in ($ChromeExtensionId -split '[ ,]' | Where-Object { $_ })) { $ids += @('--chrome-extension-id', $id) }
& $Phiguard install-native-host --system --browser all @rules @ids
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
& $Phiguard doctor --no-model
