-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'kitchen_manager', 'driver', 'canteen_operator', 'hospital_coordinator', 'care_aide', 'auditor');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('male', 'female');

-- CreateEnum
CREATE TYPE "StatusCode" AS ENUM ('extreme_poverty', 'minimum_living', 'low_income_edge', 'severe_disability', 'disabled_elderly', 'semi_disabled_elderly', 'special_family', 'veteran_family', 'empty_nest');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateEnum
CREATE TYPE "MealStatus" AS ENUM ('active', 'voided');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('open', 'acknowledged');

-- CreateEnum
CREATE TYPE "Diet" AS ENUM ('regular', 'diabetic', 'low_salt', 'soft', 'minced', 'pureed', 'halal', 'vegetarian');

-- CreateEnum
CREATE TYPE "Texture" AS ENUM ('regular', 'soft', 'minced', 'pureed');

-- CreateEnum
CREATE TYPE "HoldReason" AS ENUM ('hospitalised', 'away', 'family', 'other');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('active', 'cancelled');

-- CreateEnum
CREATE TYPE "RoutePlanStatus" AS ENUM ('queued', 'running', 'done', 'failed', 'published', 'superseded');

-- CreateEnum
CREATE TYPE "StopOutcome" AS ENUM ('pending', 'delivered', 'not_home', 'refused', 'cancelled');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateEnum
CREATE TYPE "BookingStatus" AS ENUM ('pending', 'active', 'ended');

-- CreateEnum
CREATE TYPE "ConsentMethod" AS ENUM ('paper', 'verbal', 'electronic');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('queued', 'running', 'done', 'failed');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "orderCutoff" TEXT NOT NULL DEFAULT '15:00',
    "welfareDelayMinutes" INTEGER NOT NULL DEFAULT 15,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "username" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "roles" "Role"[],
    "phone" TEXT,
    "disabledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "actorUserId" UUID,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "requestId" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "tenantId" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "body" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("tenantId","scope","key")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "gender" "Gender" NOT NULL,
    "birthDate" VARCHAR(10) NOT NULL,
    "idNumber" VARCHAR(18),
    "phone" TEXT,
    "address" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "livesAlone" BOOLEAN NOT NULL DEFAULT false,
    "localHukou" BOOLEAN NOT NULL DEFAULT true,
    "cardNumber" TEXT,
    "deathDate" VARCHAR(10),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonStatus" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "code" "StatusCode" NOT NULL,
    "validFrom" VARCHAR(10) NOT NULL,
    "validTo" VARCHAR(10),
    "note" TEXT,

    CONSTRAINT "PersonStatus_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportRun" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "totalRows" INTEGER NOT NULL DEFAULT 0,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "rejections" JSONB,
    "error" TEXT,
    "createdBy" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ImportRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Canteen" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "lat" DOUBLE PRECISION,
    "lng" DOUBLE PRECISION,
    "prices" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Canteen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CanteenOperator" (
    "tenantId" UUID NOT NULL,
    "canteenId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "CanteenOperator_pkey" PRIMARY KEY ("canteenId","userId")
);

-- CreateTable
CREATE TABLE "SubsidyPolicy" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "effectiveFrom" VARCHAR(10) NOT NULL,
    "effectiveTo" VARCHAR(10),
    "rules" JSONB NOT NULL,
    "createdBy" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubsidyPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CanteenMeal" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "canteenId" UUID NOT NULL,
    "personId" UUID,
    "identifiedBy" TEXT NOT NULL,
    "localDate" VARCHAR(10) NOT NULL,
    "slotCode" TEXT NOT NULL,
    "servedAt" TIMESTAMPTZ(3) NOT NULL,
    "price" INTEGER NOT NULL,
    "subsidy" INTEGER NOT NULL,
    "payable" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "explanation" JSONB NOT NULL,
    "fundSplit" JSONB NOT NULL DEFAULT '[]',
    "policyId" UUID,
    "ageOnDate" INTEGER,
    "status" "MealStatus" NOT NULL DEFAULT 'active',
    "subsidyKey" TEXT,
    "voidedAt" TIMESTAMPTZ(3),
    "voidReason" TEXT,
    "operatorId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CanteenMeal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MealAdjustment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "mealId" UUID NOT NULL,
    "canteenId" UUID NOT NULL,
    "amount" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "month" VARCHAR(7) NOT NULL,
    "createdBy" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MealAdjustment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Settlement" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "canteenId" UUID NOT NULL,
    "month" VARCHAR(7) NOT NULL,
    "totals" JSONB NOT NULL,
    "lockedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Settlement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditFinding" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "personId" UUID,
    "canteenId" UUID,
    "mealIds" TEXT[],
    "localDate" VARCHAR(10),
    "evidence" JSONB NOT NULL,
    "key" TEXT NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'open',
    "ackBy" UUID,
    "ackAt" TIMESTAMPTZ(3),
    "ackNote" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Kitchen" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "capacityPerSlot" INTEGER NOT NULL DEFAULT 500,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Kitchen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MealSlot" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "readyTime" TEXT NOT NULL,
    "windowStart" TEXT NOT NULL,
    "windowEnd" TEXT NOT NULL,
    "maxRideMinutes" INTEGER NOT NULL DEFAULT 90,
    "serviceMinutes" INTEGER NOT NULL DEFAULT 3,

    CONSTRAINT "MealSlot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Vehicle" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kitchenId" UUID NOT NULL,
    "driverUserId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "capacity" INTEGER NOT NULL,
    "shiftStart" TEXT NOT NULL,
    "shiftEnd" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Vehicle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recipient" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "kitchenId" UUID NOT NULL,
    "diet" "Diet" NOT NULL DEFAULT 'regular',
    "texture" "Texture" NOT NULL DEFAULT 'regular',
    "allergies" TEXT[],
    "accessNotes" TEXT,
    "emergencyContacts" JSONB NOT NULL DEFAULT '[]',
    "gridWorkerName" TEXT,
    "gridWorkerPhone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Recipient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MealPlan" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "slotCodes" TEXT[],
    "weekdays" INTEGER[],
    "startDate" VARCHAR(10) NOT NULL,
    "endDate" VARCHAR(10),
    "quantity" INTEGER NOT NULL DEFAULT 1,
    "windowStart" TEXT,
    "windowEnd" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MealPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hold" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "fromDate" VARCHAR(10) NOT NULL,
    "toDate" VARCHAR(10) NOT NULL,
    "reason" "HoldReason" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Hold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyOrder" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "recipientId" UUID NOT NULL,
    "kitchenId" UUID NOT NULL,
    "mealPlanId" UUID,
    "date" VARCHAR(10) NOT NULL,
    "slotCode" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "windowStart" TEXT,
    "windowEnd" TEXT,
    "status" "OrderStatus" NOT NULL DEFAULT 'active',
    "cancelReason" TEXT,
    "pinnedVehicleId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DailyOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoutePlan" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kitchenId" UUID NOT NULL,
    "date" VARCHAR(10) NOT NULL,
    "slotCode" TEXT NOT NULL,
    "status" "RoutePlanStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "params" JSONB NOT NULL DEFAULT '{}',
    "distanceM" INTEGER NOT NULL DEFAULT 0,
    "durationS" INTEGER NOT NULL DEFAULT 0,
    "unassigned" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "createdBy" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "publishedAt" TIMESTAMPTZ(3),
    "publishedBy" UUID,

    CONSTRAINT "RoutePlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Route" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "routePlanId" UUID NOT NULL,
    "vehicleId" UUID NOT NULL,
    "driverUserId" UUID NOT NULL,
    "routeNo" INTEGER NOT NULL,
    "distanceM" INTEGER NOT NULL,
    "durationS" INTEGER NOT NULL,
    "load" INTEGER NOT NULL,
    "departAt" TIMESTAMPTZ(3) NOT NULL,
    "returnAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Route_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RouteStop" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "routeId" UUID NOT NULL,
    "orderId" UUID NOT NULL,
    "stopNo" INTEGER NOT NULL,
    "eta" TIMESTAMPTZ(3) NOT NULL,
    "serviceStart" TIMESTAMPTZ(3) NOT NULL,
    "departure" TIMESTAMPTZ(3) NOT NULL,
    "load" INTEGER NOT NULL,
    "outcome" "StopOutcome" NOT NULL DEFAULT 'pending',
    "outcomeAt" TIMESTAMPTZ(3),
    "outcomeNote" TEXT,
    "outcomeBy" UUID,

    CONSTRAINT "RouteStop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WelfareAlert" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "routeStopId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'open',
    "notify" JSONB NOT NULL DEFAULT '[]',
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "acknowledgedBy" UUID,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedBy" UUID,
    "resolutionNote" TEXT,

    CONSTRAINT "WelfareAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ward" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "department" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Bed" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "wardId" UUID NOT NULL,
    "code" TEXT NOT NULL,

    CONSTRAINT "Bed_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareLevel" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "patientsPerAide" INTEGER NOT NULL,
    "dailyFee" INTEGER NOT NULL,
    "requiredSkill" TEXT,

    CONSTRAINT "CareLevel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShiftTemplate" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startTime" TEXT NOT NULL,
    "endTime" TEXT NOT NULL,

    CONSTRAINT "ShiftTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Aide" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "userId" UUID,
    "name" TEXT NOT NULL,
    "gender" "Gender" NOT NULL,
    "certificateNo" TEXT NOT NULL,
    "certificateExpiry" VARCHAR(10) NOT NULL,
    "skills" TEXT[],
    "homeWardIds" TEXT[],
    "maxWeeklyHours" INTEGER NOT NULL DEFAULT 60,
    "minRestHours" INTEGER NOT NULL DEFAULT 11,
    "leaveDates" TEXT[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Aide_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Admission" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "wardId" UUID NOT NULL,
    "bedId" UUID,
    "admittedAt" TIMESTAMPTZ(3) NOT NULL,
    "dischargedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Admission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareBooking" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "admissionId" UUID NOT NULL,
    "status" "BookingStatus" NOT NULL DEFAULT 'pending',
    "barthelScore" INTEGER,
    "suggestedLevel" TEXT,
    "overrideReason" TEXT,
    "startDate" VARCHAR(10) NOT NULL,
    "endDate" VARCHAR(10),
    "genderPreference" "Gender",
    "genderRequired" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" TIMESTAMPTZ(3),

    CONSTRAINT "CareBooking_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareLevelPeriod" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "bookingId" UUID NOT NULL,
    "levelCode" TEXT NOT NULL,
    "effectiveFrom" VARCHAR(10) NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CareLevelPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "bookingId" UUID NOT NULL,
    "signerName" TEXT NOT NULL,
    "relation" TEXT NOT NULL,
    "method" "ConsentMethod" NOT NULL,
    "signedAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RosterRun" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "fromDate" VARCHAR(10) NOT NULL,
    "toDate" VARCHAR(10) NOT NULL,
    "wardIds" TEXT[],
    "status" "RunStatus" NOT NULL DEFAULT 'queued',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "result" JSONB,
    "error" TEXT,
    "createdBy" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RosterRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShiftAssignment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "date" VARCHAR(10) NOT NULL,
    "shiftCode" TEXT NOT NULL,
    "shiftStart" TIMESTAMPTZ(3) NOT NULL,
    "shiftEnd" TIMESTAMPTZ(3) NOT NULL,
    "wardId" UUID NOT NULL,
    "aideId" UUID NOT NULL,
    "bookingId" UUID NOT NULL,
    "rosterRunId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ShiftAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HandoverNote" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "bookingId" UUID NOT NULL,
    "date" VARCHAR(10) NOT NULL,
    "shiftCode" TEXT NOT NULL,
    "authorUserId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HandoverNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "bookingId" UUID NOT NULL,
    "lines" JSONB NOT NULL,
    "totalFee" INTEGER NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "User_tenantId_idx" ON "User"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "User_tenantId_username_key" ON "User"("tenantId", "username");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_tenantId_userId_idx" ON "ApiToken"("tenantId", "userId");

-- CreateIndex
CREATE INDEX "AuditLog_tenantId_entity_entityId_idx" ON "AuditLog"("tenantId", "entity", "entityId");

-- CreateIndex
CREATE INDEX "AuditLog_tenantId_at_idx" ON "AuditLog"("tenantId", "at");

-- CreateIndex
CREATE INDEX "Person_tenantId_name_idx" ON "Person"("tenantId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Person_tenantId_idNumber_key" ON "Person"("tenantId", "idNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Person_tenantId_cardNumber_key" ON "Person"("tenantId", "cardNumber");

-- CreateIndex
CREATE INDEX "PersonStatus_tenantId_personId_idx" ON "PersonStatus"("tenantId", "personId");

-- CreateIndex
CREATE INDEX "ImportRun_tenantId_createdAt_idx" ON "ImportRun"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "Canteen_tenantId_idx" ON "Canteen"("tenantId");

-- CreateIndex
CREATE INDEX "CanteenOperator_tenantId_userId_idx" ON "CanteenOperator"("tenantId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "SubsidyPolicy_tenantId_version_key" ON "SubsidyPolicy"("tenantId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CanteenMeal_subsidyKey_key" ON "CanteenMeal"("subsidyKey");

-- CreateIndex
CREATE INDEX "CanteenMeal_tenantId_canteenId_localDate_idx" ON "CanteenMeal"("tenantId", "canteenId", "localDate");

-- CreateIndex
CREATE INDEX "CanteenMeal_tenantId_personId_localDate_idx" ON "CanteenMeal"("tenantId", "personId", "localDate");

-- CreateIndex
CREATE INDEX "MealAdjustment_tenantId_canteenId_month_idx" ON "MealAdjustment"("tenantId", "canteenId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "Settlement_tenantId_canteenId_month_key" ON "Settlement"("tenantId", "canteenId", "month");

-- CreateIndex
CREATE INDEX "AuditFinding_tenantId_kind_status_idx" ON "AuditFinding"("tenantId", "kind", "status");

-- CreateIndex
CREATE UNIQUE INDEX "AuditFinding_tenantId_key_key" ON "AuditFinding"("tenantId", "key");

-- CreateIndex
CREATE INDEX "Kitchen_tenantId_idx" ON "Kitchen"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "MealSlot_tenantId_code_key" ON "MealSlot"("tenantId", "code");

-- CreateIndex
CREATE INDEX "Vehicle_tenantId_kitchenId_idx" ON "Vehicle"("tenantId", "kitchenId");

-- CreateIndex
CREATE UNIQUE INDEX "Recipient_personId_key" ON "Recipient"("personId");

-- CreateIndex
CREATE INDEX "Recipient_tenantId_kitchenId_idx" ON "Recipient"("tenantId", "kitchenId");

-- CreateIndex
CREATE INDEX "MealPlan_tenantId_recipientId_idx" ON "MealPlan"("tenantId", "recipientId");

-- CreateIndex
CREATE INDEX "Hold_tenantId_recipientId_idx" ON "Hold"("tenantId", "recipientId");

-- CreateIndex
CREATE INDEX "DailyOrder_tenantId_kitchenId_date_slotCode_idx" ON "DailyOrder"("tenantId", "kitchenId", "date", "slotCode");

-- CreateIndex
CREATE UNIQUE INDEX "DailyOrder_tenantId_recipientId_date_slotCode_key" ON "DailyOrder"("tenantId", "recipientId", "date", "slotCode");

-- CreateIndex
CREATE INDEX "RoutePlan_tenantId_kitchenId_date_slotCode_idx" ON "RoutePlan"("tenantId", "kitchenId", "date", "slotCode");

-- CreateIndex
CREATE INDEX "Route_tenantId_driverUserId_idx" ON "Route"("tenantId", "driverUserId");

-- CreateIndex
CREATE INDEX "RouteStop_tenantId_orderId_idx" ON "RouteStop"("tenantId", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "WelfareAlert_routeStopId_key" ON "WelfareAlert"("routeStopId");

-- CreateIndex
CREATE INDEX "WelfareAlert_tenantId_status_idx" ON "WelfareAlert"("tenantId", "status");

-- CreateIndex
CREATE INDEX "Ward_tenantId_idx" ON "Ward"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "Bed_wardId_code_key" ON "Bed"("wardId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "CareLevel_tenantId_code_key" ON "CareLevel"("tenantId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "ShiftTemplate_tenantId_code_key" ON "ShiftTemplate"("tenantId", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Aide_userId_key" ON "Aide"("userId");

-- CreateIndex
CREATE INDEX "Aide_tenantId_idx" ON "Aide"("tenantId");

-- CreateIndex
CREATE INDEX "Admission_tenantId_wardId_idx" ON "Admission"("tenantId", "wardId");

-- CreateIndex
CREATE INDEX "CareBooking_tenantId_status_idx" ON "CareBooking"("tenantId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "CareLevelPeriod_bookingId_effectiveFrom_key" ON "CareLevelPeriod"("bookingId", "effectiveFrom");

-- CreateIndex
CREATE INDEX "Consent_tenantId_bookingId_idx" ON "Consent"("tenantId", "bookingId");

-- CreateIndex
CREATE INDEX "RosterRun_tenantId_createdAt_idx" ON "RosterRun"("tenantId", "createdAt");

-- CreateIndex
CREATE INDEX "ShiftAssignment_tenantId_aideId_date_idx" ON "ShiftAssignment"("tenantId", "aideId", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ShiftAssignment_tenantId_date_shiftCode_bookingId_key" ON "ShiftAssignment"("tenantId", "date", "shiftCode", "bookingId");

-- CreateIndex
CREATE INDEX "HandoverNote_tenantId_bookingId_idx" ON "HandoverNote"("tenantId", "bookingId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_bookingId_key" ON "Invoice"("bookingId");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonStatus" ADD CONSTRAINT "PersonStatus_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CanteenOperator" ADD CONSTRAINT "CanteenOperator_canteenId_fkey" FOREIGN KEY ("canteenId") REFERENCES "Canteen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CanteenMeal" ADD CONSTRAINT "CanteenMeal_canteenId_fkey" FOREIGN KEY ("canteenId") REFERENCES "Canteen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CanteenMeal" ADD CONSTRAINT "CanteenMeal_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vehicle" ADD CONSTRAINT "Vehicle_kitchenId_fkey" FOREIGN KEY ("kitchenId") REFERENCES "Kitchen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recipient" ADD CONSTRAINT "Recipient_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recipient" ADD CONSTRAINT "Recipient_kitchenId_fkey" FOREIGN KEY ("kitchenId") REFERENCES "Kitchen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MealPlan" ADD CONSTRAINT "MealPlan_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Recipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hold" ADD CONSTRAINT "Hold_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Recipient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyOrder" ADD CONSTRAINT "DailyOrder_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Recipient"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Route" ADD CONSTRAINT "Route_routePlanId_fkey" FOREIGN KEY ("routePlanId") REFERENCES "RoutePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RouteStop" ADD CONSTRAINT "RouteStop_routeId_fkey" FOREIGN KEY ("routeId") REFERENCES "Route"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RouteStop" ADD CONSTRAINT "RouteStop_orderId_fkey" FOREIGN KEY ("orderId") REFERENCES "DailyOrder"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WelfareAlert" ADD CONSTRAINT "WelfareAlert_routeStopId_fkey" FOREIGN KEY ("routeStopId") REFERENCES "RouteStop"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Bed" ADD CONSTRAINT "Bed_wardId_fkey" FOREIGN KEY ("wardId") REFERENCES "Ward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Admission" ADD CONSTRAINT "Admission_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareBooking" ADD CONSTRAINT "CareBooking_admissionId_fkey" FOREIGN KEY ("admissionId") REFERENCES "Admission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareLevelPeriod" ADD CONSTRAINT "CareLevelPeriod_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "CareBooking"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_bookingId_fkey" FOREIGN KEY ("bookingId") REFERENCES "CareBooking"("id") ON DELETE CASCADE ON UPDATE CASCADE;
