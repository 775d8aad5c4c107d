<#
.SYNOPSIS
  Installs the PHI Guard server for this machine and registers a scheduled task that starts it,
  on http://127.0.0.1:8765, at every user's sign-in, as that user.

.DESCRIPTION
  Run once per machine from an elevated PowerShell (or as a software-deployment script):

    powershell -ExecutionPolicy Bypass -File Register-PhiGuardLocalServer.ps1 -Package C:\Temp\phiguard

  1. creates a Python virtual environment in -InstallDir (default C:\Program Files\PHI Guard\venv),
  2. pip-installs -Package into it (a PHI Guard checkout or wheel, or a requirement like phiguard==0.1.0),
  3. registers phiguard-local-task.xml (next to this script) as "\PHI Guard\PHI Guard local server",
     with the paths, port and rule packs given here, and starts it for the user running this script.

  -Uninstall removes the task (and leaves the files). Needs Python 3.11 or later (the "py" launcher
  from python.org, or give -Python C:\Path\to\python.exe).

.EXAMPLE
  .\Register-PhiGuardLocalServer.ps1 -Package \\fileserver\software\phiguard -RulePack 'C:\ProgramData\PHI Guard\rules\northshire-trust'
#>
[CmdletBinding()]
param(
  [string]$Package,
  [string]$InstallDir = (Join-Path $env:ProgramFiles 'PHI Guard'),
  [string]$Python = 'py',
  [ValidateRange(1024, 65535)][int]$Port = 8765,
  [string[]]$RulePack = @(),
  [switch]$SkipInstall,
  [switch]$Uninstall
)

$ErrorActionPreference = 'Stop'
$TaskPath = '\PHI Guard\'
$TaskName = 'PHI Guard local server'
$TaskNs = 'http://schemas.microsoft.com/windows/2004/02/mit/task'

$principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
  throw 'Run this script from an elevated PowerShell (Run as administrator).'
}

if ($Uninstall) {
  Unregister-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -Confirm:$false -ErrorAction SilentlyContinue
  Write-Host "Removed the scheduled task $TaskPath$TaskName. The files in $InstallDir are left in place."
  return
}

$venv = Join-Path $InstallDir 'venv'
$venvPython = Join-Path $venv 'Scripts\python.exe'
$venvPythonw = Join-Path $venv 'Scripts\pythonw.exe'

if (-not $SkipInstall) {
  if (-not $Package) { throw 'Give -Package (a PHI Guard checkout, wheel or requirement), or -SkipInstall.' }
  if (-not (Test-Path $venvPython)) {
    New-Item -ItemType Directory -Force -Path $InstallDir | Out-Null
    if ($Python -eq 'py') { & py -3 -m venv $venv } else { & $Python -m venv $venv }
    if ($LASTEXITCODE -ne 0) { throw "Could not create the virtual environment in $venv (is Python 3.11+ installed?)." }
  }
  & $venvPython -m pip install --upgrade $Package
  if ($LASTEXITCODE -ne 0) { throw "pip could not install $Package." }
}
if (-not (Test-Path $venvPythonw)) { throw "$venvPythonw is missing: install first (without -SkipInstall)." }

# Check the rule packs now: a broken pack would stop the server at every sign-in.
$arguments = @('-m', 'phiguard', 'serve', '--host', '127.0.0.1', '--port', "$Port", '--threads', '2')
foreach ($pack in $RulePack) {
  if (-not (Test-Path -PathType Container $pack)) { throw "Rule pack directory not found: $pack" }
  $arguments += @('--rules', "`"$pack`"")
}
if ($RulePack.Count -gt 0) {
  $checkArgs = @('-m', 'phiguard', 'check', 'test') + ($RulePack | ForEach-Object { @('--rules', $_) })
  & $venvPython @checkArgs | Out-Null
  # 1 only means the text was risky; 2 is a rule pack that does not load.
  if ($LASTEXITCODE -ge 2) { throw 'A rule pack does not load; run "phiguard check --rules DIR test" to see why.' }
}

# The task definition: phiguard-local-task.xml with this machine's paths and options.
$xmlPath = Join-Path $PSScriptRoot 'phiguard-local-task.xml'
[xml]$task = Get-Content -Raw -Path $xmlPath
$ns = New-Object Xml.XmlNamespaceManager($task.NameTable)
$ns.AddNamespace('t', $TaskNs)
$task.SelectSingleNode('/t:Task/t:Actions/t:Exec/t:Command', $ns).InnerText = "`"$venvPythonw`""
$task.SelectSingleNode('/t:Task/t:Actions/t:Exec/t:Arguments', $ns).InnerText = ($arguments -join ' ')
$task.SelectSingleNode('/t:Task/t:RegistrationInfo/t:Description', $ns).InnerText =
  "Starts the PHI Guard local server (http://127.0.0.1:$Port) when you sign in. The PHI Guard browser extension checks posts through it."

# Task Scheduler takes the XML as a (UTF-16) string: drop the file's encoding="UTF-8" declaration.
if ($task.FirstChild -is [Xml.XmlDeclaration]) { $task.RemoveChild($task.FirstChild) | Out-Null }
Register-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName -Xml $task.OuterXml -Force | Out-Null
Write-Host "Registered $TaskPath$TaskName (starts at every sign-in)."

# Start it now for the current user and wait for the health check.
Start-ScheduledTask -TaskPath $TaskPath -TaskName $TaskName
$healthy = $false
foreach ($i in 1..30) {
  Start-Sleep -Seconds 2
  try {
    $health = Invoke-RestMethod -Uri "http://127.0.0.1:$Port/healthz" -TimeoutSec 2
    if ($health.status -eq 'ok') { $healthy = $true; break }
  } catch { }
}
if ($healthy) {
  Write-Host "PHI Guard $($health.version) is answering on http://127.0.0.1:$Port."
} else {
  Write-Warning "No answer on http://127.0.0.1:$Port/healthz after 60 s. Run `"$venvPython`" -m phiguard serve --port $Port in a console to see the error."
}
