-- CreateEnum
CREATE TYPE "RatingSubject" AS ENUM ('meal', 'canteen_visit', 'nursing_stay');

-- CreateEnum
CREATE TYPE "RaterKind" AS ENUM ('resident', 'family', 'grid_worker');

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('kitchen', 'canteen', 'ward');

-- CreateEnum
CREATE TYPE "TicketStatus" AS ENUM ('new', 'accepted', 'resolved', 'confirmed', 'reopened');

-- CreateEnum
CREATE TYPE "TicketCategory" AS ENUM ('food_quality', 'lateness', 'missed_meal', 'staff_attitude', 'subsidy_dispute', 'nursing_care', 'other');

-- CreateTable
CREATE TABLE "VoiceSettings" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "codeSecret" TEXT NOT NULL,
    "acceptWithinHours" INTEGER NOT NULL DEFAULT 24,
    "resolveWithinHours" INTEGER NOT NULL DEFAULT 72,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VoiceSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Rating" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "subjectKind" "RatingSubject" NOT NULL,
    "subjectId" UUID NOT NULL,
    "unitKind" "UnitKind" NOT NULL,
    "unitId" UUID NOT NULL,
    "staffKind" TEXT,
    "staffId" UUID,
    "serviceDate" VARCHAR(10) NOT NULL,
    "scores" JSONB NOT NULL,
    "meanTenths" INTEGER NOT NULL,
    "comment" TEXT,
    "raterKind" "RaterKind" NOT NULL,
    "source" TEXT NOT NULL,
    "enteredBy" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Rating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ticket" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "category" "TicketCategory" NOT NULL,
    "unitKind" "UnitKind" NOT NULL,
    "unitId" UUID NOT NULL,
    "subjectKind" "RatingSubject",
    "subjectId" UUID,
    "serviceDate" VARCHAR(10),
    "description" TEXT NOT NULL,
    "status" "TicketStatus" NOT NULL DEFAULT 'new',
    "source" TEXT NOT NULL,
    "createdBy" UUID,
    "requestKey" TEXT,
    "acceptDueAt" TIMESTAMPTZ(3) NOT NULL,
    "resolveDueAt" TIMESTAMPTZ(3) NOT NULL,
    "acceptedAt" TIMESTAMPTZ(3),
    "acceptedBy" UUID,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedBy" UUID,
    "resolution" TEXT,
    "confirmedAt" TIMESTAMPTZ(3),
    "reopenCount" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VoiceSettings_tenantId_key" ON "VoiceSettings"("tenantId");

-- CreateIndex
CREATE INDEX "Rating_tenantId_serviceDate_idx" ON "Rating"("tenantId", "serviceDate");

-- CreateIndex
CREATE UNIQUE INDEX "Rating_tenantId_subjectKind_subjectId_key" ON "Rating"("tenantId", "subjectKind", "subjectId");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_status_idx" ON "Ticket"("tenantId", "status");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_unitKind_unitId_idx" ON "Ticket"("tenantId", "unitKind", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_tenantId_requestKey_key" ON "Ticket"("tenantId", "requestKey");
