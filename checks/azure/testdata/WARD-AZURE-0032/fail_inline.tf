terraform {
  required_providers {
    azurerm = {
      source = "hashicorp/azurerm"
    }
  }
}

provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "example" {
  name     = "example-resources"
  location = "West Europe"
}

resource "azurerm_sql_server" "example" {
  name                         = "example-sqlserver"
  resource_group_name          = azurerm_resource_group.example.name
  location                     = azurerm_resource_group.example.location
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password
  extended_auditing_policy {
    storage_endpoint           = "https://exampleauditlogs.blob.core.windows.net/"
    storage_account_access_key = var.audit_key
    retention_in_days          = 7
  }
}

variable "sql_password" {
  type      = string
  sensitive = true
}

variable "audit_key" {
  type      = string
  sensitive = true
}
