# escape=`
FROM mcr.microsoft.com/windows/servercore:ltsc2022
WORKDIR C:\app
RUN powershell -Command `
    Write-Host hello
ENV DIR="C:\Program Files" `
    MODE=prod
