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

variable "kek_url" {
  type = string
}

variable "secret_url" {
  type = string
}

variable "key_vault_id" {
  type = string
}

resource "azurerm_managed_disk" "example" {
  name                 = "example-disk"
  location             = azurerm_resource_group.example.location
  resource_group_name  = azurerm_resource_group.example.name
  storage_account_type = "Standard_LRS"
  create_option        = "Empty"
  disk_size_gb         = 32

  encryption_settings {
    enabled = true

    disk_encryption_key {
      secret_url      = var.secret_url
      source_vault_id = var.key_vault_id
    }

    key_encryption_key {
      key_url         = var.kek_url
      source_vault_id = var.key_vault_id
    }
  }
}
